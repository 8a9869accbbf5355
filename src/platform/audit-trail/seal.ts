import { sql } from 'kysely';
import type { Database, Tx } from '../db/database.ts';
import { CHAINED_COLUMNS, GENESIS, sealHash } from './chain.ts';

// Namespace for pg_advisory_xact_lock(int, int): the second key is the practice's hash.
const SEAL_LOCK_NAMESPACE = 71_530;
const BATCH = 2_000;

/**
 * Appends seals for a practice's committed, unsealed events, in event order, continuing the
 * chain from its head. Requests never take this lock — they only insert — so a busy practice's
 * reads do not queue behind the chain; only sealers serialise, one per practice at a time.
 * Returns how many events were sealed.
 */
export async function sealPractice(
  db: Database,
  practiceId: string,
  options: { wait?: boolean } = {},
): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await db.withPractice(practiceId, (tx) =>
      sealBatch(tx, practiceId, options.wait ?? true),
    );
    total += sealed;
    if (sealed < BATCH) return total;
  }
}

async function sealBatch(tx: Tx, practiceId: string, wait: boolean): Promise<number> {
  const lock = wait
    ? sql<{
        ok: boolean;
      }>`select true as ok from (select pg_advisory_xact_lock(${SEAL_LOCK_NAMESPACE}, hashtext(${practiceId}))) l`
    : sql<{
        ok: boolean;
      }>`select pg_try_advisory_xact_lock(${SEAL_LOCK_NAMESPACE}, hashtext(${practiceId})) as ok`;
  const { rows } = await lock.execute(tx);
  if (!rows[0]?.ok) return 0;

  // The batch is chosen from the small pending table first; joining first would walk the
  // events index from the very first (long sealed) event on every batch.
  const pending = await tx
    .selectFrom(
      tx
        .selectFrom('audit_pending')
        .select('event_id')
        .orderBy('event_id')
        .limit(BATCH)
        .as('batch'),
    )
    .innerJoin('audit_events', 'audit_events.id', 'batch.event_id')
    .select(CHAINED_COLUMNS)
    .orderBy('audit_events.id')
    .execute();
  if (pending.length === 0) return 0;

  const head = await tx
    .selectFrom('audit_seals')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let seq = head ? BigInt(head.seq) : 0n;
  let prev: Buffer = head ? Buffer.from(head.hash) : GENESIS;
  const seals = pending.map((event) => {
    seq += 1n;
    const hash = sealHash(prev, seq, event);
    const seal = { seq: seq.toString(), event_id: event.id, prev_hash: prev, hash };
    prev = hash;
    return seal;
  });
  // As four arrays (and the ids to dequeue as one): a thousand seals bind four parameters, not
  // four thousand, which the sealer — sharing the requests' event loop — would spend
  // milliseconds building and PostgreSQL parsing.
  await sql`insert into audit_seals (seq, event_id, prev_hash, hash)
    select s, e, decode(p, 'hex'), decode(h, 'hex')
      from unnest(${seals.map((x) => x.seq)}::bigint[], ${seals.map((x) => x.event_id)}::bigint[],
                  ${seals.map((x) => x.prev_hash.toString('hex'))}::text[],
                  ${seals.map((x) => x.hash.toString('hex'))}::text[]) as t (s, e, p, h)`.execute(
    tx,
  );
  await sql`delete from audit_pending where event_id = any(${pending.map((e) => e.id)}::bigint[])`.execute(
    tx,
  );
  return pending.length;
}

/** Practices with events waiting for their seal. */
export async function practicesWithPendingSeals(db: Database): Promise<string[]> {
  const rows = await db.unscopedAcrossPractices(
    { job: 'audit-seal', reason: 'find practices whose audit events await sealing' },
    (tx) => tx.selectFrom('audit_pending').select('practice_id').distinct().limit(1_000).execute(),
  );
  return rows.map((r) => r.practice_id);
}
