import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY_KEY, loadConfig } from '../../api/src/config';
import {
  createIdentityKeyring,
  IdentityIntegrityError,
  IdentityKeyUnavailableError,
  keyIdOf,
  openIdentity,
  sealIdentity,
} from '../../api/src/crypto/identity-cipher';

const identity = { members: [{ name: 'Maria Lăcătuș', idCardNumber: 'CJ 123456' }], phone: '+40 712 345 678' };

describe('identity cipher (AES-256-GCM)', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);

  it('seals to ciphertext that holds no plaintext and opens back to the same identity', () => {
    const keyring = createIdentityKeyring(oldKey);
    const sealed = sealIdentity(keyring, 42, identity);
    expect(sealed.iv).toHaveLength(12);
    expect(sealed.authTag).toHaveLength(16);
    expect(sealed.keyId).toBe(keyIdOf(oldKey));
    expect(sealed.ciphertext.toString('utf8')).not.toContain('Maria');
    expect(sealed.ciphertext.includes(Buffer.from('CJ 123456'))).toBe(false);
    expect(openIdentity(keyring, 42, sealed)).toEqual(identity);
    // A fresh IV each time: the same identity never seals to the same bytes.
    expect(sealIdentity(keyring, 42, identity).ciphertext.equals(sealed.ciphertext)).toBe(false);
  });

  it('refuses a ciphertext moved to another household, or altered', () => {
    const keyring = createIdentityKeyring(oldKey);
    const sealed = sealIdentity(keyring, 42, identity);
    expect(() => openIdentity(keyring, 43, sealed)).toThrow(IdentityIntegrityError);
    const altered = Buffer.from(sealed.ciphertext);
    altered[0] = (altered[0] as number) ^ 1;
    expect(() => openIdentity(keyring, 42, { ...sealed, ciphertext: altered })).toThrow(IdentityIntegrityError);
  });

  it('rotates keys: new rows use the current key, older rows open while their key is listed', () => {
    const before = sealIdentity(createIdentityKeyring(oldKey), 7, identity);
    const rotated = createIdentityKeyring(newKey, [oldKey]);
    expect(openIdentity(rotated, 7, before)).toEqual(identity);
    expect(sealIdentity(rotated, 7, identity).keyId).toBe(keyIdOf(newKey));
    expect(() => openIdentity(createIdentityKeyring(newKey), 7, before)).toThrow(IdentityKeyUnavailableError);
  });

  it('names a key by a fingerprint that does not reveal it', () => {
    expect(keyIdOf(oldKey)).toMatch(/^k-[0-9a-f]{16}$/);
    expect(keyIdOf(oldKey)).not.toContain(oldKey.toString('hex').slice(0, 8));
  });
});

describe('identity key configuration', () => {
  const server = { DATABASE_URL: 'postgres://localhost/punte', SESSION_SECRET: 'a-private-session-secret' };

  it('uses the development key on the embedded engine', () => {
    expect(loadConfig({}).identityKey?.toString('base64')).toBe(DEFAULT_IDENTITY_KEY);
  });

  it('refuses the development key for a server database, and a key that is not 32 bytes', () => {
    expect(() => loadConfig({ ...server, PUNTE_IDENTITY_KEY: DEFAULT_IDENTITY_KEY })).toThrow(/PUNTE_IDENTITY_KEY/);
    expect(() => loadConfig({ PUNTE_IDENTITY_KEY: 'c2hvcnQ=' })).toThrow(/PUNTE_IDENTITY_KEY/);
  });

  it('refuses a server without a private key, and reads previous keys for rotation', () => {
    expect(() => loadConfig(server)).toThrow(/PUNTE_IDENTITY_KEY/);
    const key = randomBytes(32).toString('base64');
    const previous = randomBytes(32).toString('base64');
    const config = loadConfig({ ...server, PUNTE_IDENTITY_KEY: key, PUNTE_IDENTITY_PREVIOUS_KEYS: previous });
    expect(config.identityKey?.toString('base64')).toBe(key);
    expect(config.identityPreviousKeys.map((k) => k.toString('base64'))).toEqual([previous]);
  });
});
