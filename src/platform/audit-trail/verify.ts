import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { CHAINED_COLUMNS, GENESIS, sealHash } from './chain.ts';

export interface BrokenLink {
  practiceId: string;
  reason: 'hash_mismatch' | 'previous_hash_mismatch' | 'sequence_gap' | 'unsealed_event';
  seq: string | null;
  eventId: string;
  expected: string;
  found: string;
}

export interface VerifyReport {
  intact: boolean;
  practices: number;
  events: number;
  broken?: BrokenLink;
}

const BATCH = 5_000;

/** Every practice's id, for a verification that spans all of them. */
export async function allPracticeIds(db: Database): Promise<string[]> {
  const rows = await db.unscopedAcrossPractices(
    { job: 'audit-verify', reason: 'list the practices whose audit chains are to be verified' },
    (tx) => tx.selectFrom('practices').select('id').orderBy('id').execute(),
  );
  return rows.map((r) => r.id);
}

/** How many sealed events the practices hold, for a progress bar. */
export async function countSealed(db: Database, practiceIds: string[]): Promise<number> {
  let total = 0;
  for (const id of practiceIds) {
    total += await db.withPractice(id, async (tx) => {
      const { rows } = await sql<{ n: string }>`select count(*) as n from audit_seals`.execute(tx);
      return Number(rows[0]?.n ?? 0);
    });
  }
  return total;
}

/**
 * Walks each practice's chain from its first seal, recomputing every hash from the event as
 * stored now. Stops at the first broken link and names it.
 */
export async function verifyAuditChains(
  db: Database,
  practiceIds: string[],
  onProgress: (eventsDone: number) => void = () => {},
): Promise<VerifyReport> {
  let events = 0;
  for (const practiceId of practiceIds) {
    let expectedSeq = 1n;
    let prev: Buffer = GENESIS;
    for (;;) {
      const after = (expectedSeq - 1n).toString();
      const rows = await db.withPractice(practiceId, (tx) =>
        tx
          .selectFrom('audit_seals')
          .innerJoin('audit_events', 'audit_events.id', 'audit_seals.event_id')
          .select([
            'audit_seals.seq',
            'audit_seals.prev_hash',
            'audit_seals.hash',
            ...CHAINED_COLUMNS,
          ])
          .where('audit_seals.seq', '>', after)
          .orderBy('audit_seals.seq')
          .limit(BATCH)
          .execute(),
      );
      for (const row of rows) {
        const seq = BigInt(row.seq);
        const link = (reason: BrokenLink['reason'], expected: string, found: string) => ({
          intact: false,
          practices: practiceIds.length,
          events,
          broken: { practiceId, reason, seq: row.seq, eventId: row.id, expected, found },
        });
        if (seq !== expectedSeq) {
          return link('sequence_gap', `seq ${expectedSeq}`, `seq ${seq}`);
        }
        // PGlite returns bytea as Uint8Array, node-postgres as Buffer.
        const prevHash = Buffer.from(row.prev_hash);
        const hash = Buffer.from(row.hash);
        if (!prevHash.equals(prev)) {
          return link('previous_hash_mismatch', prev.toString('hex'), prevHash.toString('hex'));
        }
        const recomputed = sealHash(prev, seq, row);
        if (!recomputed.equals(hash)) {
          return link('hash_mismatch', recomputed.toString('hex'), hash.toString('hex'));
        }
        prev = hash;
        expectedSeq += 1n;
        events += 1;
      }
      onProgress(events);
      if (rows.length < BATCH) break;
    }
    const stray = await db.withPractice(practiceId, async (tx) => {
      // An event that is neither sealed nor waiting to be was written around the audit helper.
      const { rows } = await sql<{ id: string }>`
        select e.id from audit_events e
         where not exists (select 1 from audit_seals s where s.event_id = e.id)
           and not exists (select 1 from audit_pending p where p.event_id = e.id)
         order by e.id limit 1`.execute(tx);
      return rows[0]?.id;
    });
    if (stray) {
      return {
        intact: false,
        practices: practiceIds.length,
        events,
        broken: {
          practiceId,
          reason: 'unsealed_event',
          seq: null,
          eventId: stray,
          expected: 'a seal or a pending entry',
          found: 'neither',
        },
      };
    }
  }
  return { intact: true, practices: practiceIds.length, events };
}
