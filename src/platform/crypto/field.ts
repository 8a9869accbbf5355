import { randomBytes } from 'node:crypto';
import { practiceOf, type Tx } from '../db/database.ts';
import type { Sealed } from '../db/schema.ts';
import { gcmOpen, gcmSeal } from '../keys/local-keyring.ts';
import { KeyError, rewrapKey, type KeyProvider } from '../keys/provider.ts';

export type { Sealed };

/** Where a sealed value lives: bound into its AAD, so a ciphertext copied elsewhere fails. */
export interface FieldRef {
  table: string;
  column: string;
  rowId: string;
}

const PREFIX = 'hf1';

/**
 * Field encryption for free-text PHI and secrets: AES-256-GCM under the practice's data key,
 * which is stored wrapped by the key provider's KEK. The AAD binds format, practice, table,
 * column, row and key id. Envelope: `hf1.<key id>.<base64url(iv ‖ tag ‖ ciphertext)>`; the key
 * id lets rotation find what to re-encrypt.
 */
export class FieldCipher {
  #keys: KeyProvider;
  #cache = new Map<string, Buffer>();
  /**
   * The active key as a transaction first found it: a request that seals several values asks
   * the database once. Re-keying retires a key only for seals that begin after it commits, so
   * reusing it within one transaction is what a single query would have given anyway.
   */
  #activeIn = new WeakMap<Tx, { id: string; key: Buffer }>();

  constructor(keys: KeyProvider) {
    this.#keys = keys;
  }

  async seal(tx: Tx, ref: FieldRef, plaintext: string): Promise<Sealed> {
    const practiceId = scope(tx);
    const { id, key } = await this.#activeKey(tx, practiceId);
    const sealed = gcmSeal(key, Buffer.from(plaintext, 'utf8'), aad(practiceId, ref, id));
    return `${PREFIX}.${id}.${sealed.toString('base64url')}` as Sealed;
  }

  async open(tx: Tx, ref: FieldRef, value: Sealed): Promise<string> {
    const practiceId = scope(tx);
    const [prefix, keyId, body, ...rest] = value.split('.');
    if (prefix !== PREFIX || !keyId || !body || rest.length > 0) {
      throw new KeyError('not a sealed field value');
    }
    const key = await this.#key(tx, practiceId, keyId);
    return gcmOpen(key, Buffer.from(body, 'base64url'), aad(practiceId, ref, keyId)).toString(
      'utf8',
    );
  }

  /** The id of the practice's active key (made if there is none), which re-keying moves values to. */
  async activeKeyId(tx: Tx): Promise<string> {
    return (await this.#activeKey(tx, scope(tx))).id;
  }

  async #activeKey(tx: Tx, practiceId: string): Promise<{ id: string; key: Buffer }> {
    const known = this.#activeIn.get(tx);
    if (known) return known;
    const active = await this.#lookUpActiveKey(tx, practiceId);
    this.#activeIn.set(tx, active);
    return active;
  }

  async #lookUpActiveKey(tx: Tx, practiceId: string): Promise<{ id: string; key: Buffer }> {
    const found = await tx
      .selectFrom('practice_keys')
      .select(['id', 'kek_version', 'wrapped'])
      .where('purpose', '=', 'field')
      .where('retired_at', 'is', null)
      .executeTakeFirst();
    if (found) return { id: found.id, key: await this.#unwrap(practiceId, found) };
    const key = randomBytes(32);
    const id = crypto.randomUUID();
    const wrapped = await this.#keys.wrap('data', key, keyContext(practiceId, id));
    // Two first writers at once: one insert wins, the other reads the winner's key.
    const inserted = await tx
      .insertInto('practice_keys')
      .values({ id, purpose: 'field', kek_version: wrapped.kekVersion, wrapped: wrapped.wrapped })
      .onConflict((oc) =>
        oc.columns(['practice_id', 'purpose']).where('retired_at', 'is', null).doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return this.#lookUpActiveKey(tx, practiceId);
    this.#cache.set(id, key);
    return { id, key };
  }

  async #key(tx: Tx, practiceId: string, keyId: string): Promise<Buffer> {
    const cached = this.#cache.get(keyId);
    if (cached) return cached;
    const row = await tx
      .selectFrom('practice_keys')
      .select(['id', 'kek_version', 'wrapped'])
      .where('id', '=', keyId)
      .executeTakeFirst();
    // Another practice's key is invisible here (row-level security): the value cannot open.
    if (!row) throw new KeyError('the data key for this value is not available to this practice');
    return this.#unwrap(practiceId, row);
  }

  async #unwrap(practiceId: string, row: { id: string; kek_version: number; wrapped: Uint8Array }) {
    const cached = this.#cache.get(row.id);
    if (cached) return cached;
    const key = await this.#keys.unwrap(
      'data',
      { kekVersion: row.kek_version, wrapped: Buffer.from(row.wrapped) },
      keyContext(practiceId, row.id),
    );
    this.#cache.set(row.id, key);
    return key;
  }
}

function scope(tx: Tx): string {
  const practiceId = practiceOf(tx);
  if (!practiceId) throw new KeyError('field encryption needs a practice-scoped transaction');
  return practiceId;
}

const keyContext = (practiceId: string, keyId: string) => `practice-key:${practiceId}:${keyId}`;
const aad = (practiceId: string, ref: FieldRef, keyId: string) =>
  [PREFIX, practiceId, ref.table, ref.column, ref.rowId, keyId].join('|');

/**
 * Re-wraps a practice's field keys that are wrapped under an older `data` KEK version with the
 * current one (the keys themselves, and so every value sealed with them, are unchanged). Runs in
 * a jobs transaction: `tx` sees every practice, so the practice is named explicitly.
 */
export async function rewrapFieldKeys(
  tx: Tx,
  provider: KeyProvider,
  practiceId: string,
): Promise<number> {
  const current = await provider.currentVersion('data');
  const rows = await tx
    .selectFrom('practice_keys')
    .select(['id', 'kek_version', 'wrapped'])
    .where('practice_id', '=', practiceId)
    .where('kek_version', '<', current)
    .execute();
  await rewrapFieldKeyRows(tx, practiceId, rows, provider, provider);
  return rows.length;
}

/** Re-wraps these field keys of a practice from one provider to another, in a jobs transaction. */
export async function rewrapFieldKeyRows(
  tx: Tx,
  practiceId: string,
  rows: { id: string; kek_version: number; wrapped: Uint8Array }[],
  from: KeyProvider,
  to: KeyProvider,
): Promise<void> {
  for (const row of rows) {
    const wrapped = await rewrapKey(
      from,
      to,
      'data',
      { kekVersion: row.kek_version, wrapped: Buffer.from(row.wrapped) },
      keyContext(practiceId, row.id),
    );
    await tx
      .updateTable('practice_keys')
      .set({ kek_version: wrapped.kekVersion, wrapped: wrapped.wrapped })
      .where('id', '=', row.id)
      .where('practice_id', '=', practiceId)
      .execute();
  }
}
