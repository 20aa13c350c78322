import type { Knex } from 'knex';
import { openIdentity, sealIdentity, type IdentityKeyring } from '../crypto/identity-cipher';
import { auditAction, type Actor } from './audit-log';

// Identity data of a household (issue 5): only ciphertext is stored (AES-256-GCM, crypto/identity-cipher.ts),
// and every read, write and erasure adds its audit row in the same transaction.

/** The plaintext identity of a household, as the API accepts and returns it. */
export type Identity = {
  members: Array<{ name: string; idCardNumber: string | null }>;
  phone: string | null;
};

/** An identity record as the API returns it; `identity` is null once erased. */
export type IdentityRecord = {
  householdId: number;
  identity: Identity | null;
  keyId: string | null;
  erasedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type IdentityOutcome =
  | { status: 'done'; record: IdentityRecord; created: boolean }
  | { status: 'not-found' }
  | { status: 'stale'; currentVersion: number }
  | { status: 'precondition-required'; currentVersion: number };

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));

function toRecord(row: Record<string, unknown>, identity: Identity | null): IdentityRecord {
  return {
    householdId: row.household_id as number,
    identity,
    keyId: (row.key_id as string | null) ?? null,
    erasedAt: row.erased_at ? iso(row.erased_at) : null,
    version: row.version as number,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** Returns the decrypted identity of a household and audits the read; undefined when none was ever recorded. */
export async function readIdentity(knex: Knex, keyring: IdentityKeyring, householdId: number, actor: Actor): Promise<IdentityRecord | undefined> {
  return knex.transaction(async (trx) => {
    const row = await trx('household_identities').where({ household_id: householdId }).first();
    if (!row) return undefined;
    const identity =
      row.erased_at === null
        ? (openIdentity(keyring, householdId, {
            // pg hands bytea over as a Buffer, PGlite as a Uint8Array.
            ciphertext: Buffer.from(row.ciphertext),
            iv: Buffer.from(row.iv),
            authTag: Buffer.from(row.auth_tag),
            keyId: row.key_id,
          }) as Identity)
        : null;
    await auditAction(trx, actor, 'identity.read', 'household_identities', householdId, {
      erased: identity === null,
      keyId: row.key_id ?? null,
    });
    return toRecord(row, identity);
  });
}

/**
 * Records (or replaces) the identity of a household, sealed with the current key, and audits it.
 * Replacing an existing row needs its version (`expectedVersion`, from If-Match); a first record does not.
 */
export async function writeIdentity(
  knex: Knex,
  keyring: IdentityKeyring,
  householdId: number,
  identity: Identity,
  expectedVersion: number | undefined,
  actor: Actor,
): Promise<IdentityOutcome> {
  return knex.transaction(async (trx) => {
    const household = await trx('households').where({ id: householdId }).forUpdate().first('id');
    if (!household) return { status: 'not-found' };
    const existing = await trx('household_identities').where({ household_id: householdId }).forUpdate().first('version');
    if (existing && expectedVersion === undefined) return { status: 'precondition-required', currentVersion: existing.version };
    if (existing && existing.version !== expectedVersion) return { status: 'stale', currentVersion: existing.version };
    const sealed = sealIdentity(keyring, householdId, identity);
    const columns = {
      ciphertext: sealed.ciphertext,
      iv: sealed.iv,
      auth_tag: sealed.authTag,
      key_id: sealed.keyId,
      erased_at: null,
      updated_by: actor.id,
    };
    const [row] = existing
      ? await trx('household_identities')
          .where({ household_id: householdId })
          .update({ ...columns, version: trx.raw('version + 1'), updated_at: trx.fn.now() })
          .returning('*')
      : await trx('household_identities')
          .insert({ ...columns, household_id: householdId, created_by: actor.id })
          .returning('*');
    // Only the fact and the key are audited: the audit log must never hold identity data itself.
    await auditAction(trx, actor, existing ? 'identity.update' : 'identity.create', 'household_identities', householdId, {
      keyId: sealed.keyId,
      version: row.version,
      members: identity.members.length,
    });
    return { status: 'done', record: toRecord(row, identity), created: !existing };
  });
}

/**
 * Erases a household's identity on request (GDPR Art. 17): the ciphertext is cleared and erased_at set,
 * while the pseudonymous household, its plans and their history stay. Returns 'not-found' when no identity exists.
 */
export async function eraseIdentity(knex: Knex, householdId: number, expectedVersion: number | undefined, actor: Actor): Promise<IdentityOutcome> {
  return knex.transaction(async (trx) => {
    const existing = await trx('household_identities').where({ household_id: householdId }).forUpdate().first('version', 'erased_at');
    if (!existing) return { status: 'not-found' };
    // Issue 17: erasure cannot be undone, so it needs the version the caseworker saw (no blind erase).
    if (expectedVersion === undefined) return { status: 'precondition-required', currentVersion: existing.version };
    if (expectedVersion !== existing.version) return { status: 'stale', currentVersion: existing.version };
    const [row] = await trx('household_identities')
      .where({ household_id: householdId })
      .update({
        ciphertext: null,
        iv: null,
        auth_tag: null,
        key_id: null,
        // A second request keeps the first erasure's date.
        erased_at: existing.erased_at ?? trx.fn.now(),
        version: trx.raw('version + 1'),
        updated_at: trx.fn.now(),
        updated_by: actor.id,
      })
      .returning('*');
    await auditAction(trx, actor, 'identity.erase', 'household_identities', householdId, { version: row.version });
    return { status: 'done', record: toRecord(row, null), created: false };
  });
}

/**
 * Audits a refused attempt to read or change identity data (outside any transaction: nothing else is
 * written); `unrecordedBefore` counts the refusals of this user answered 429 without a row since the last.
 */
export async function auditIdentityRefusal(knex: Knex, actor: Actor, householdId: number, action: string, reason: string, unrecordedBefore = 0): Promise<void> {
  await auditAction(knex, actor, `${action}.denied`, 'household_identities', householdId, { reason, ...(unrecordedBefore > 0 ? { unrecordedBefore } : {}) });
}
