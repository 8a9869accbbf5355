import assert from 'node:assert/strict';
import type { TestApp } from '../../testing/app.ts';
import { callAs } from '../../testing/practice.ts';
import { book, booking, type Scheduling } from '../../scheduling/test-fixtures.ts';

export const HOUR = 3_600_000;

export const pending = <T extends { status: string }>(rows: T[]) =>
  rows.filter((r) => r.status === 'pending');

/**
 * The reminder-sync tests' moves (book, change, clear the rules, queue a reminder as the send
 * job would, read an outbox row), bound to a test file's app and practice once they exist.
 */
export function syncMoves(scene: () => { t: TestApp; s: Scheduling }) {
  async function bookAt(start: string, clientId?: string, extra: Record<string, unknown> = {}) {
    const { t, s } = scene();
    const r = await book(
      t,
      s.p.staff.front_desk,
      booking({ ...s, clientId: clientId ?? s.clientId }, start, 50, extra),
    );
    assert.equal(r.statusCode, 201, r.body);
    return r.json<{ id: string; series: { occurrences: { id: string }[] } | null }>();
  }

  async function patch(id: string, body: Record<string, unknown>) {
    const { t, s } = scene();
    const r = await callAs(t, s.p.staff.front_desk, 'PATCH', `/api/v1/appointments/${id}`, body);
    assert.equal(r.statusCode, 200, r.body);
  }

  async function clearRules() {
    const { t, s } = scene();
    await t.db.withPractice(s.p.practiceId, (tx) =>
      tx.updateTable('reminder_rules').set({ deleted_at: new Date() }).execute(),
    );
  }

  /** Marks a reminder queued with an outbox message, as the send job would. */
  async function queue(
    reminderId: string,
    sent: 'unsent' | 'sending' | 'sent' = 'unsent',
    channel: 'email' | 'sms' = 'email',
  ) {
    const { t, s } = scene();
    return t.db.withPractice(s.p.practiceId, async (tx) => {
      const o = await tx
        .insertInto('notification_outbox')
        .values({
          channel,
          recipient: channel === 'sms' ? '+15552013344' : 'client@example.test',
          subject: 'Reminder',
          body: 'See you soon',
          kind: 'reminder',
          idempotency_key: `reminder:${reminderId}`,
          sending_at: sent === 'sending' ? new Date() : null,
          sent_at: sent === 'sent' ? new Date() : null,
          status: sent === 'sent' ? 'sent' : 'queued',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .updateTable('reminders')
        .set({ status: 'queued', outbox_id: o.id })
        .where('id', '=', reminderId)
        .execute();
      return o.id;
    });
  }

  async function outboxRow(id: string) {
    const { t, s } = scene();
    return t.db.withPractice(s.p.practiceId, (tx) =>
      tx
        .selectFrom('notification_outbox')
        .select(['status', 'last_error', 'body', 'recipient', 'sent_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    );
  }
  return { bookAt, patch, clearRules, queue, outboxRow };
}
