import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// Household identity (names, phone, identity-card numbers) is special-category personal data
// (GDPR Art. 9): it is stored only as AES-256-GCM ciphertext under a key from the environment (issue 5).
// Each row records the id of the key that sealed it, so keys can rotate: new rows use the current key,
// older rows stay readable while their key is listed in PUNTE_IDENTITY_PREVIOUS_KEYS.

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12; // NIST SP 800-38D: 96-bit IVs for GCM
const TAG_BYTES = 16;

/** An identity sealed for storage: the columns of household_identities. */
export type SealedIdentity = { ciphertext: Buffer; iv: Buffer; authTag: Buffer; keyId: string };

/** The keys the API can use: the current one seals, every listed one opens. */
export type IdentityKeyring = { currentKeyId: string; keys: ReadonlyMap<string, Buffer> };

/** Thrown when a row was sealed with a key that is not configured (HTTP 503: configuration, not data). */
export class IdentityKeyUnavailableError extends Error {}
/** Thrown when a ciphertext fails authentication: it was altered, moved to another row, or the key is wrong. */
export class IdentityIntegrityError extends Error {}

/** Returns the public id of a key: a fingerprint that names it without revealing it. */
export function keyIdOf(key: Buffer): string {
  return `k-${createHash('sha256').update('punte identity key id\0').update(key).digest('hex').slice(0, 16)}`;
}

/** Returns the keyring of a current 32-byte key and any earlier ones. */
export function createIdentityKeyring(current: Buffer, previous: readonly Buffer[] = []): IdentityKeyring {
  for (const key of [current, ...previous]) {
    if (key.length !== 32) throw new Error(`an identity key must be 32 bytes, got ${key.length}`);
  }
  const keys = new Map<string, Buffer>();
  for (const key of [current, ...previous]) keys.set(keyIdOf(key), key);
  return { currentKeyId: keyIdOf(current), keys };
}

/** The additional authenticated data: binds a ciphertext to its household, so rows cannot be swapped. */
function associatedData(householdId: number): Buffer {
  return Buffer.from(`household_identities:${householdId}`, 'utf8');
}

/** Returns `identity` (any JSON value) sealed with the current key for household `householdId`. */
export function sealIdentity(keyring: IdentityKeyring, householdId: number, identity: unknown): SealedIdentity {
  const key = keyring.keys.get(keyring.currentKeyId) as Buffer;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(householdId));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(identity), 'utf8'), cipher.final()]);
  return { ciphertext, iv, authTag: cipher.getAuthTag(), keyId: keyring.currentKeyId };
}

/** Returns the identity opened from its sealed form; throws IdentityKeyUnavailableError or IdentityIntegrityError. */
export function openIdentity(keyring: IdentityKeyring, householdId: number, sealed: SealedIdentity): unknown {
  const key = keyring.keys.get(sealed.keyId);
  if (!key) throw new IdentityKeyUnavailableError(`identity key ${sealed.keyId} is not configured (PUNTE_IDENTITY_PREVIOUS_KEYS)`);
  try {
    const decipher = createDecipheriv(ALGORITHM, key, sealed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(householdId));
    decipher.setAuthTag(sealed.authTag);
    const plaintext = Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
    return JSON.parse(plaintext) as unknown;
  } catch {
    throw new IdentityIntegrityError(`the identity of household ${householdId} failed authentication`);
  }
}
