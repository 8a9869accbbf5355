import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testDatabase, type TestDatabase } from '../../testing/database.ts';
import { asSuperuser } from '../../testing/superuser.ts';
import { captureLogs } from '../../testing/logs.ts';
import { audit, AuditWriteError, DENIED_BURST, type AuditContext } from './record.ts';
import { sealPractice } from './seal.ts';
import { AuditSealer } from './sealer.ts';
import { verifyAuditChains } from './verify.ts';

let t: TestDatabase;
const practice = randomUUID();
const other = randomUUID();
const ctx: AuditContext = {
  actor: { type: 'user', userId: randomUUID(), role: 'admin' },
  ip: '192.0.2.10',
  userAgent: 'test',
  requestId: randomUUID(),
};

before(async () => {
  t = await testDatabase();
  for (const id of [practice, other]) {
    await t.db.withPractice(id, (tx) =>
      tx
        .insertInto('practices')
        .values({ id, name: `P ${id.slice(0, 4)}`, privacy_officer_email: 'privacy@example.org' })
        .execute(),
    );
  }
});
after(() => t.close());

async function count(
  table: 'audit_events' | 'audit_seals' | 'audit_pending' | 'alerts' | 'notification_outbox',
  id = practice,
) {
  return t.db.withPractice(id, async (tx) => {
    const { rows } = await sql<{
      n: string;
    }>`select count(*) as n from ${sql.table(table)}`.execute(tx);
    return Number(rows[0]?.n);
  });
}

describe('audit trail (DESIGN.md invariant 3)', () => {
  test('an event is written in the same transaction as the work: a rollback takes both', async () => {
    const before = await count('audit_events');
    await assert.rejects(
      t.db.withPractice(practice, async (tx) => {
        await audit(tx, ctx, { action: 'client.read', subjectType: 'client', subjectId: 'c1' });
        throw new Error('the work failed');
      }),
      /the work failed/,
    );
    assert.equal(await count('audit_events'), before);
    await t.db.withPractice(practice, (tx) =>
      audit(tx, ctx, { action: 'client.read', subjectId: 'c1' }),
    );
    assert.equal(await count('audit_events'), before + 1);
  });

  test('the detail object refuses free text', async () => {
    await assert.rejects(
      t.db.withPractice(practice, (tx) =>
        audit(tx, ctx, {
          action: 'note.update',
          detail: { reason: 'client disclosed abuse at home' },
        }),
      ),
      /must be an id, code, number or flag/,
    );
  });

  test("the server's role cannot UPDATE or DELETE audit rows, and a trigger stops even the owner", async () => {
    await t.db.withPractice(practice, (tx) => audit(tx, ctx, { action: 'note.read' }));
    await sealPractice(t.db, practice);
    for (const statement of [
      sql`update audit_events set action = 'note.sign'`,
      sql`delete from audit_events`,
      sql`update audit_seals set seq = seq + 1`,
      sql`delete from audit_seals`,
    ]) {
      await assert.rejects(
        t.db.withPractice(practice, (tx) => statement.execute(tx)),
        (err: { code?: string }) => err.code === '42501',
      );
    }
    // The owner is bound by the trigger whatever its grants (here as superuser, who bypasses both RLS and grants).
    await asSuperuser(t, async (su) => {
      await assert.rejects(
        sql`update audit_events set detail = '{}'::jsonb`.execute(su),
        /append-only/,
      );
      await assert.rejects(sql`delete from audit_seals`.execute(su), /append-only/);
      await assert.rejects(sql`truncate audit_events cascade`.execute(su), /append-only/);
    });
  });

  test('sealed chains verify intact; editing one event is found and named', async () => {
    for (let i = 0; i < 5; i++) {
      await t.db.withPractice(practice, (tx) =>
        audit(tx, ctx, { action: 'client.read', subjectId: `c${i}`, detail: { n: i } }),
      );
    }
    await sealPractice(t.db, practice);
    await sealPractice(t.db, other);
    const intact = await verifyAuditChains(t.db, [practice, other]);
    assert.equal(intact.intact, true);
    assert.equal(intact.events, await count('audit_seals'));

    const victim = await t.db.withPractice(practice, (tx) =>
      tx
        .selectFrom('audit_seals')
        .select(['event_id', 'seq'])
        .orderBy('seq')
        .offset(3)
        .limit(1)
        .executeTakeFirstOrThrow(),
    );
    await asSuperuser(t, async (su) => {
      await su.connection().execute(async (conn) => {
        // An attacker with superuser rights switches triggers off for their session.
        await sql`set session_replication_role = replica`.execute(conn);
        await sql`update audit_events set detail = '{"n": 99}'::jsonb where id = ${victim.event_id}`.execute(
          conn,
        );
        await sql`set session_replication_role = origin`.execute(conn);
      });
    });
    const report = await verifyAuditChains(t.db, [practice, other]);
    assert.equal(report.intact, false);
    assert.equal(report.broken?.reason, 'hash_mismatch');
    assert.equal(report.broken?.eventId, victim.event_id);
    assert.equal(report.broken?.seq, victim.seq);
    assert.notEqual(report.broken?.expected, report.broken?.found);
  });

  test('an event slipped in around the helper (no seal, not pending) is reported', async () => {
    const fresh = randomUUID();
    await t.db.withPractice(fresh, (tx) =>
      tx.insertInto('practices').values({ id: fresh, name: 'Fresh' }).execute(),
    );
    await t.db.withPractice(fresh, (tx) =>
      tx
        .insertInto('audit_events')
        .values({
          actor_type: 'anonymous',
          action: 'client.read',
          outcome: 'success',
          detail: '{}',
        })
        .execute(),
    );
    const report = await verifyAuditChains(t.db, [fresh]);
    assert.equal(report.broken?.reason, 'unsealed_event');
  });

  test('hundreds of concurrent writers make one unbroken chain, sealed by sweeps running beside them', async () => {
    const fresh = randomUUID();
    await t.db.withPractice(fresh, (tx) =>
      tx.insertInto('practices').values({ id: fresh, name: 'Busy' }).execute(),
    );
    const sealer = new AuditSealer(t.db, captureLogs().logger, 50);
    sealer.start();
    const writers = Array.from({ length: 300 }, (_, i) =>
      t.db.withPractice(fresh, (tx) => audit(tx, ctx, { action: 'note.read', subjectId: `n${i}` })),
    );
    // Sealing runs while the writers are still going.
    const sweeps = Array.from({ length: 5 }, () => sealer.sweep({ wait: true }));
    await Promise.all([...writers, ...sweeps]);
    await sealer.stop();
    assert.equal(await count('audit_pending', fresh), 0);
    assert.equal(await count('audit_seals', fresh), 300);
    const report = await verifyAuditChains(t.db, [fresh]);
    assert.deepEqual(report, { intact: true, practices: 1, events: 300 });
  });

  test('a burst of denials raises one alert, with a message queued for the privacy officer', async () => {
    const prober: AuditContext = {
      ...ctx,
      actor: { type: 'user', userId: randomUUID(), role: 'associate' },
    };
    const alertsBefore = await count('alerts');
    for (let i = 0; i < DENIED_BURST.count + 3; i++) {
      await t.db.withPractice(practice, (tx) =>
        audit(tx, prober, { action: 'note.read', outcome: 'denied' }),
      );
    }
    assert.equal(await count('alerts'), alertsBefore + 1);
    const message = await t.db.withPractice(practice, (tx) =>
      tx
        .selectFrom('notification_outbox')
        .select(['recipient', 'subject', 'body'])
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow(),
    );
    assert.equal(message.recipient, 'privacy@example.org');
    assert.match(message.subject, /denied burst/);
  });

  test('when the audit row cannot be written, the work is rolled back too (fail closed)', async () => {
    await asSuperuser(t, (su) => sql`revoke insert on audit_events from hearth_app`.execute(su));
    try {
      const practicesBefore = await count('audit_events');
      await assert.rejects(
        t.db.withPractice(practice, async (tx) => {
          await tx.updateTable('practices').set({ name: 'Changed' }).execute();
          await audit(tx, ctx, { action: 'practice.settings.changed' });
        }),
        (err: Error) => err instanceof AuditWriteError && err.practiceId === practice,
      );
      const name = await t.db.withPractice(practice, (tx) =>
        tx.selectFrom('practices').select('name').executeTakeFirstOrThrow(),
      );
      assert.notEqual(name.name, 'Changed');
      assert.equal(await count('audit_events'), practicesBefore);
    } finally {
      await asSuperuser(t, (su) => sql`grant insert on audit_events to hearth_app`.execute(su));
    }
  });
});
