import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../testing/app.ts';
import { NumberDigester } from '../../platform/sms/phone.ts';
import { smsReplyHandler } from '../index.ts';
import type { SmsReplyHandler } from '../../platform/sms/replies.ts';
import {
  addReminder,
  appointmentState,
  bookAhead,
  reminderReply,
  replyAudit,
  replyScene,
  type ReplyScene,
} from './test-fixtures.ts';
import { whenWords } from './reply-words.ts';

let t: TestApp;
let a: ReplyScene;
let b: ReplyScene;
let handle: SmsReplyHandler;
const numbers = new NumberDigester(randomBytes(32));
const digestOf = (n: string) => numbers.digest(n)!;
const DAY = 24 * 60;
let nextHour = 0;

before(async () => {
  t = await testApp();
  a = await replyScene(t);
  b = await replyScene(t);
  handle = smsReplyHandler(t.db);
});
after(() => t.close());

/** An appointment in `s` with a text reminder to `number`, sent `sentMinutesAgo` ago. */
async function texted(
  s: ReplyScene,
  number: string,
  o: {
    minutesAhead?: number;
    sentMinutesAgo?: number;
    delivery?: 'queued' | 'sent' | 'delivered' | 'failed';
  } = {},
) {
  const appointmentId = await bookAhead(t, s, o.minutesAhead ?? 2 * DAY + 60 * nextHour++);
  const reminderId = await addReminder(t, s, {
    appointmentId,
    channel: 'sms',
    digest: digestOf(number),
    delivery: o.delivery ?? 'delivered',
    sentAt: new Date(Date.now() - (o.sentMinutesAgo ?? 5) * 60_000),
  });
  return { appointmentId, reminderId };
}

async function practiceName(s: ReplyScene) {
  const p = await t.db.withPractice(s.p.practiceId, (tx) =>
    tx.selectFrom('practices').select('name').executeTakeFirstOrThrow(),
  );
  return p.name;
}

describe('replies to a text reminder', () => {
  test('C confirms the appointment; the answer names only the date, time and practice', async () => {
    const number = '+1 555 201 0001';
    const { appointmentId, reminderId } = await texted(a, number);
    const answer = await handle({ digest: digestOf(number), answer: 'confirm' });
    const state = await appointmentState(t, a, appointmentId);
    assert.deepEqual(
      [state.status, state.updated_by, state.updated_via],
      ['confirmed', null, 'sms'],
    );
    const when = whenWords(state.start_at.toISOString(), a.zone);
    assert.equal(
      answer?.text,
      `Thank you, your appointment on ${when} is confirmed. ${await practiceName(a)}`,
    );
    assert.match(when, /^[A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2} at \d{1,2}:\d{2} [AP]M$/);
    const rem = await reminderReply(t, a, reminderId);
    assert.deepEqual([rem.reply, rem.reply_channel], ['confirmed', 'sms']);
    const last = (await replyAudit(t, a, 'appointment.client_reply')).at(-1)!;
    assert.deepEqual(
      [last.actor_type, last.actor_label, last.outcome, last.client_id],
      ['system', 'sms-reply', 'success', a.clientId],
    );
    assert.deepEqual(last.detail, { channel: 'sms', answer: 'confirmed', reminderId });
  });

  test('X cancels (late inside the window, and the text says so); a second answer changes nothing', async () => {
    const number = '+1 555 201 0002';
    const { appointmentId } = await texted(a, number, { minutesAhead: 5 * 60 });
    const first = await handle({ digest: digestOf(number), answer: 'cancel' });
    assert.match(
      first!.text,
      /is cancelled\. With less than 24 hours' notice it counts as a late cancellation\./,
    );
    const state = await appointmentState(t, a, appointmentId);
    assert.deepEqual(
      [state.status, state.status_reason, state.updated_via],
      ['late_cancelled', 'by_client', 'sms'],
    );
    const second = await handle({ digest: digestOf(number), answer: 'confirm' });
    assert.match(second!.text, /^You have already answered: your appointment on .* is cancelled\./);
    assert.equal((await appointmentState(t, a, appointmentId)).status, 'late_cancelled');
    const last = (await replyAudit(t, a, 'appointment.client_reply')).at(-1)!;
    assert.deepEqual(
      [last.outcome, last.detail],
      ['denied', { channel: 'sms', answer: 'confirm', reason: 'answered' }],
    );
  });

  test('every text is PHI-free and plain GSM: no client or clinician name', async () => {
    const number = '+1 555 201 0003';
    const { appointmentId } = await texted(a, number);
    const text = (await handle({ digest: digestOf(number), answer: 'cancel' }))!.text;
    const names = await t.db.withPractice(a.p.practiceId, (tx) =>
      tx
        .selectFrom('appointments as x')
        .innerJoin('clients as c', 'c.id', 'x.client_id')
        .innerJoin('users as u', 'u.id', 'x.clinician_id')
        .select(['c.first_name', 'c.last_name', 'u.name'])
        .where('x.id', '=', appointmentId)
        .executeTakeFirstOrThrow(),
    );
    for (const name of [names.first_name, names.last_name, names.name]) {
      assert.ok(!text.includes(name), `the text leaks ${name}`);
    }
    assert.match(text, /^[\x20-\x7e]+$/, 'only plain characters');
  });

  test('an unknown number, an unsent reminder or one for a past appointment: nothing to answer', async () => {
    assert.equal(await handle({ digest: digestOf('+1 555 201 0999'), answer: 'confirm' }), null);
    const waiting = '+1 555 201 0004';
    const { appointmentId } = await texted(a, waiting, { delivery: 'queued' });
    assert.equal(await handle({ digest: digestOf(waiting), answer: 'confirm' }), null);
    const failed = '+1 555 201 0005';
    await texted(a, failed, { delivery: 'failed' });
    assert.equal(await handle({ digest: digestOf(failed), answer: 'cancel' }), null);
    assert.equal((await appointmentState(t, a, appointmentId)).status, 'scheduled');
  });

  test('moved by the practice since the text: the reply changes nothing and says to contact the practice', async () => {
    const number = '+1 555 201 0006';
    const { appointmentId } = await texted(a, number);
    const later = new Date(Date.now() + 9 * DAY * 60_000);
    later.setUTCSeconds(0, 0);
    await t.db.withPractice(a.p.practiceId, (tx) =>
      tx
        .updateTable('appointments')
        .set({
          start_at: later,
          end_at: new Date(later.getTime() + 50 * 60_000),
          updated_by: a.p.staff.front_desk.userId,
        })
        .where('id', '=', appointmentId)
        .execute(),
    );
    const r = await handle({ digest: digestOf(number), answer: 'cancel' });
    assert.equal(
      r?.text,
      `This reminder no longer applies. Please contact ${await practiceName(a)} about your appointment.`,
    );
    assert.equal((await appointmentState(t, a, appointmentId)).status, 'scheduled');
  });

  test('one number, two practices: the latest text is the one answered; another number never touches either', async () => {
    const number = '+1 555 201 0007';
    const older = await texted(a, number, { sentMinutesAgo: 120 });
    const newer = await texted(b, number, { sentMinutesAgo: 10 });
    const stranger = '+1 555 201 0008';
    const theirs = await texted(b, stranger);
    const r = await handle({ digest: digestOf(number), answer: 'confirm' });
    assert.match(r!.text, new RegExp(`${await practiceName(b)}$`));
    assert.equal((await appointmentState(t, b, newer.appointmentId)).status, 'confirmed');
    assert.equal((await appointmentState(t, a, older.appointmentId)).status, 'scheduled');
    assert.equal((await appointmentState(t, b, theirs.appointmentId)).status, 'scheduled');
    assert.equal((await reminderReply(t, b, theirs.reminderId)).reply, null);
    // The reply is audited in the practice whose appointment it changed, and only there.
    const inA = (await replyAudit(t, a, 'appointment.client_reply')).filter(
      (e) => e.subject_id === newer.appointmentId,
    );
    assert.equal(inA.length, 0);
    const inB = (await replyAudit(t, b, 'appointment.client_reply')).filter(
      (e) => e.subject_id === newer.appointmentId,
    );
    assert.equal(inB.length, 1);
  });
});
