import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { testApp, type TestApp } from '../../testing/app.ts';
import { captureLogs } from '../../testing/logs.ts';
import { callAs } from '../../testing/practice.ts';
import {
  book,
  booking,
  plusMinutes,
  schedulingPractice,
  upcoming,
  type Scheduling,
} from '../../scheduling/test-fixtures.ts';
import { enqueueMessage } from '../notify/outbox.ts';
import { NumberDigester } from '../sms/phone.ts';
import { FakeTwilio } from '../sms/testing/fake-twilio.ts';
import { TwilioSmsSender } from '../sms/twilio.ts';
import { OutboxDelivery } from './delivery.ts';

let t: TestApp;
let twilio: FakeTwilio;
let s: Scheduling;
let ruleId = '';

before(async () => {
  twilio = await FakeTwilio.start();
  t = await testApp();
  s = await schedulingPractice(t);
  ruleId = await t.db.withPractice(s.p.practiceId, async (tx) => {
    const rule = await tx
      .insertInto('reminder_rules')
      .values({
        offset_minutes: 60,
        channels: ['sms'],
        kinds: ['telehealth', 'in_person'],
        created_by: s.p.staff.admin.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return rule.id;
  });
});
after(async () => {
  await t.close();
  await twilio.close();
});

/** A booked appointment whose SMS reminder is already in the outbox (as the send job leaves it). */
async function queuedReminder(start: string, to: string) {
  const booked = await book(t, s.p.staff.front_desk, booking(s, start));
  assert.equal(booked.statusCode, 201, booked.body);
  const appointmentId = booked.json<{ id: string }>().id;
  const outboxId = await t.db.withPractice(s.p.practiceId, async (tx) => {
    const id = await enqueueMessage(tx, {
      channel: 'sms',
      to,
      subject: 'Reminder',
      body: `Reminder ${start}`,
      kind: 'reminder',
      idempotencyKey: `reminder:${appointmentId}`,
    });
    await tx
      .insertInto('reminders')
      .values({
        appointment_id: appointmentId,
        rule_id: ruleId,
        channel: 'sms',
        due_at: new Date(),
        appointment_start: new Date(start),
        status: 'queued',
        outbox_id: id,
      })
      .execute();
    return id;
  });
  return { appointmentId, outboxId };
}

function delivery() {
  return new OutboxDelivery(
    t.db,
    { sms: new TwilioSmsSender(twilio.options) },
    captureLogs().logger,
    { numbers: new NumberDigester(randomBytes(32)) },
  );
}

test('a reminder whose appointment was moved or cancelled after it was queued is never sent', async () => {
  const moved = await queuedReminder(upcoming(s.zone, 2, 2, '10:00'), '+15550707001');
  const kept = await queuedReminder(upcoming(s.zone, 2, 3, '10:00'), '+15550707002');
  const newStart = upcoming(s.zone, 2, 4, '15:00');
  const patch = await callAs(
    t,
    s.p.staff.front_desk,
    'PATCH',
    `/api/v1/appointments/${moved.appointmentId}`,
    { start: newStart, end: plusMinutes(newStart, 50) },
  );
  assert.equal(patch.statusCode, 200, patch.body);

  assert.equal(await delivery().deliver(), 1);
  assert.equal(twilio.messagesTo('+15550707001').length, 0);
  assert.equal(twilio.messagesTo('+15550707002').length, 1);
  const rows = await t.db.withPractice(s.p.practiceId, (tx) =>
    tx
      .selectFrom('notification_outbox')
      .select(['id', 'status', 'last_error'])
      .where('id', 'in', [moved.outboxId, kept.outboxId])
      .execute(),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  assert.deepEqual(
    [byId.get(moved.outboxId)?.status, byId.get(moved.outboxId)?.last_error],
    ['failed', 'appointment_changed'],
  );
  assert.equal(byId.get(kept.outboxId)?.status, 'sent');
});
