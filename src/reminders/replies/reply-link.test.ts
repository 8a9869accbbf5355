import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../testing/app.ts';
import { callAs } from '../../testing/practice.ts';
import {
  addReminder,
  appointmentState,
  bookAhead,
  newToken,
  reminderReply,
  replyAudit,
  replyLink,
  replyScene,
  type ReplyScene,
} from './test-fixtures.ts';

let t: TestApp;
let s: ReplyScene;
const DAY = 24 * 60;
// One clinician holds them all: each default booking takes the next free hour.
let nextHour = 0;

before(async () => {
  t = await testApp();
  s = await replyScene(t);
});
after(() => t.close());

/** An appointment `minutesAhead` from now with an email reminder whose link holds a fresh token. */
async function linked(minutesAhead = 3 * DAY + 60 * nextHour++, extra = {}) {
  const appointmentId = await bookAhead(t, s, minutesAhead, extra);
  const token = newToken();
  const reminderId = await addReminder(t, s, { appointmentId, channel: 'email', token });
  return { appointmentId, token, reminderId };
}

type View = Record<string, unknown>;

describe('the reply link', () => {
  test('shows the appointment (time, zone, clinician, practice, place), open, and the read is audited', async () => {
    const { appointmentId, token } = await linked();
    const r = await replyLink(t, token);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.headers['cache-control'], 'no-store');
    const v = r.json<View>();
    const names = await t.db.withPractice(s.p.practiceId, (tx) =>
      tx
        .selectFrom('appointments as a')
        .innerJoin('users as u', 'u.id', 'a.clinician_id')
        .innerJoin('practices as p', 'p.id', 'a.practice_id')
        .select(['a.start_at', 'a.end_at', 'u.name as clinician', 'p.name as practice'])
        .where('a.id', '=', appointmentId)
        .executeTakeFirstOrThrow(),
    );
    assert.deepEqual(v, {
      start: names.start_at.toISOString(),
      end: names.end_at.toISOString(),
      timeZone: s.zone,
      clinicianName: names.clinician,
      practiceName: names.practice,
      place: 'video session',
      state: 'open',
      answer: null,
      lateCancelNotice: false,
      lateCancelHours: 24,
    });
    const reads = await replyAudit(t, s, 'appointment.reply_link.read');
    const last = reads.at(-1)!;
    assert.equal(last.actor_type, 'system');
    assert.equal(last.actor_label, 'email-link');
    assert.equal(last.client_id, s.clientId);
    assert.equal(last.subject_id, appointmentId);
  });

  test('an in-person appointment names its location as the place', async () => {
    const made = await callAs(t, s.p.staff.admin, 'POST', '/api/v1/locations', {
      name: 'Northside Clinic, 12 High St',
    });
    assert.equal(made.statusCode, 201, made.body);
    const { token } = await linked(4 * DAY, {
      kind: 'in_person',
      locationId: made.json<{ id: string }>().id,
    });
    const v = (await replyLink(t, token)).json<View>();
    assert.equal(v.place, 'Northside Clinic, 12 High St');
  });

  test('confirm: the appointment is confirmed by the client by email, the reminder records it, audited with the channel as actor', async () => {
    const { appointmentId, token, reminderId } = await linked();
    const r = await replyLink(t, token, { answer: 'confirm' });
    assert.equal(r.statusCode, 200, r.body);
    const v = r.json<View>();
    assert.equal(v.state, 'answered');
    assert.equal(v.answer, 'confirmed');
    const a = await appointmentState(t, s, appointmentId);
    assert.deepEqual(
      [a.status, a.status_reason, a.updated_by, a.updated_via],
      ['confirmed', null, null, 'email'],
    );
    const rem = await reminderReply(t, s, reminderId);
    assert.equal(rem.reply, 'confirmed');
    assert.equal(rem.reply_channel, 'email');
    assert.ok(rem.replied_at instanceof Date);
    const events = await replyAudit(t, s, 'appointment.client_reply');
    const last = events.at(-1)!;
    assert.equal(last.outcome, 'success');
    assert.equal(last.actor_label, 'email-link');
    assert.equal(last.actor_user_id, null);
    assert.equal(last.client_id, s.clientId);
    assert.deepEqual(last.detail, { channel: 'email', answer: 'confirmed', reminderId });
    // Staff see who changed it: the client, by email link.
    const seen = await callAs(
      t,
      s.p.staff.front_desk,
      'GET',
      `/api/v1/appointments/${appointmentId}`,
    );
    assert.equal(seen.statusCode, 200, seen.body);
    const view = seen.json<{
      status: string;
      updatedBy: string | null;
      updatedVia: string | null;
    }>();
    assert.deepEqual([view.status, view.updatedBy, view.updatedVia], ['confirmed', null, 'email']);
  });

  test('a staff change afterwards is the staff member’s again (updatedVia cleared)', async () => {
    const { appointmentId, token } = await linked();
    assert.equal((await replyLink(t, token, { answer: 'confirm' })).statusCode, 200);
    const r = await callAs(
      t,
      s.p.staff.front_desk,
      'PATCH',
      `/api/v1/appointments/${appointmentId}`,
      {
        serviceCode: '90837',
      },
    );
    assert.equal(r.statusCode, 200, r.body);
    const a = await appointmentState(t, s, appointmentId);
    assert.deepEqual([a.updated_by, a.updated_via], [s.p.staff.front_desk.userId, null]);
  });

  test('staff cannot claim a change was the client’s own: by_client is not a reason they may give', async () => {
    const { appointmentId } = await linked();
    const r = await callAs(
      t,
      s.p.staff.front_desk,
      'PATCH',
      `/api/v1/appointments/${appointmentId}`,
      { status: 'cancelled', statusReason: 'by_client' },
    );
    assert.equal(r.statusCode, 400, r.body);
    assert.equal((await appointmentState(t, s, appointmentId)).status, 'scheduled');
  });

  test('cancel well ahead: cancelled, reason by_client', async () => {
    const { appointmentId, token, reminderId } = await linked(5 * DAY);
    const r = await replyLink(t, token, { answer: 'cancel' });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json<View>().answer, 'cancelled');
    const a = await appointmentState(t, s, appointmentId);
    assert.deepEqual(
      [a.status, a.status_reason, a.updated_via],
      ['cancelled', 'by_client', 'email'],
    );
    assert.equal((await reminderReply(t, s, reminderId)).reply, 'cancelled');
  });

  test('cancel inside the late-cancel window: the page warns first, then it is a late cancellation', async () => {
    const { appointmentId, token } = await linked(3 * 60);
    const before = (await replyLink(t, token)).json<View>();
    assert.equal(before.lateCancelNotice, true);
    const r = await replyLink(t, token, { answer: 'cancel' });
    assert.equal(r.json<View>().answer, 'late_cancelled');
    const a = await appointmentState(t, s, appointmentId);
    assert.deepEqual([a.status, a.status_reason], ['late_cancelled', 'by_client']);
  });

  test('the window is the practice’s: with 2 hours, a cancellation 3 hours ahead is not late', async () => {
    const other = await replyScene(t);
    await t.db.withPractice(other.p.practiceId, (tx) =>
      tx.insertInto('reminder_settings').values({ late_cancel_hours: 2 }).execute(),
    );
    const appointmentId = await bookAhead(t, other, 3 * 60);
    const token = newToken();
    await addReminder(t, other, { appointmentId, channel: 'email', token });
    const v = (await replyLink(t, token)).json<View>();
    assert.deepEqual([v.lateCancelNotice, v.lateCancelHours], [false, 2]);
    assert.equal(
      (await replyLink(t, token, { answer: 'cancel' })).json<View>().answer,
      'cancelled',
    );
    assert.equal((await appointmentState(t, other, appointmentId)).status, 'cancelled');
  });

  test('answering twice: the first answer stands, the second changes nothing and is recorded as refused', async () => {
    const { appointmentId, token, reminderId } = await linked();
    await replyLink(t, token, { answer: 'confirm' });
    const second = await replyLink(t, token, { answer: 'cancel' });
    assert.equal(second.statusCode, 200, second.body);
    const v = second.json<View>();
    assert.deepEqual([v.state, v.answer], ['answered', 'confirmed']);
    assert.equal((await appointmentState(t, s, appointmentId)).status, 'confirmed');
    assert.equal((await reminderReply(t, s, reminderId)).reply, 'confirmed');
    const last = (await replyAudit(t, s, 'appointment.client_reply')).at(-1)!;
    assert.equal(last.outcome, 'denied');
    assert.deepEqual(last.detail, { channel: 'email', answer: 'cancel', reason: 'answered' });
  });

  test('a link whose appointment has started is expired: nothing changes', async () => {
    const { appointmentId, token } = await linked();
    // Time passes: the appointment (and the reminder's record of it) is now in the past.
    const past = new Date(Date.now() - 10 * 60_000);
    await t.db.withPractice(s.p.practiceId, async (tx) => {
      await tx
        .updateTable('appointments')
        .set({ start_at: past, end_at: new Date(past.getTime() + 50 * 60_000) })
        .where('id', '=', appointmentId)
        .execute();
      await tx
        .updateTable('reminders')
        .set({ appointment_start: past })
        .where('appointment_id', '=', appointmentId)
        .execute();
    });
    const v = (await replyLink(t, token)).json<View>();
    assert.deepEqual([v.state, v.answer, v.lateCancelNotice], ['expired', null, false]);
    const r = await replyLink(t, token, { answer: 'cancel' });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json<View>().state, 'expired');
    assert.equal((await appointmentState(t, s, appointmentId)).status, 'scheduled');
  });

  test('moved or cancelled by the practice meanwhile: the reminder no longer applies', async () => {
    const moved = await linked(6 * DAY);
    const later = new Date(Date.now() + 7 * DAY * 60_000);
    later.setUTCSeconds(0, 0);
    const patch = await callAs(
      t,
      s.p.staff.front_desk,
      'PATCH',
      `/api/v1/appointments/${moved.appointmentId}`,
      {
        start: later.toISOString(),
      },
    );
    assert.equal(patch.statusCode, 200, patch.body);
    assert.equal((await replyLink(t, moved.token)).json<View>().state, 'expired');
    const r = await replyLink(t, moved.token, { answer: 'confirm' });
    assert.equal(r.json<View>().state, 'expired');
    const a = await appointmentState(t, s, moved.appointmentId);
    assert.deepEqual([a.status, a.updated_by], ['scheduled', s.p.staff.front_desk.userId]);

    const cancelled = await linked(8 * DAY);
    const c = await callAs(
      t,
      s.p.staff.front_desk,
      'PATCH',
      `/api/v1/appointments/${cancelled.appointmentId}`,
      {
        status: 'cancelled',
        statusReason: 'clinician_unavailable',
      },
    );
    assert.equal(c.statusCode, 200, c.body);
    const after = await replyLink(t, cancelled.token, { answer: 'confirm' });
    assert.deepEqual([after.json<View>().state, after.json<View>().answer], ['expired', null]);
    const still = await appointmentState(t, s, cancelled.appointmentId);
    assert.deepEqual([still.status, still.status_reason], ['cancelled', 'clinician_unavailable']);
  });

  test('unknown tokens are 404 with a generic message; a malformed token or body is 400; nothing changes', async () => {
    const { appointmentId, token } = await linked();
    const unknown = await replyLink(t, newToken(), undefined, { ip: '198.51.100.1' });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json<{ error: { code: string } }>().error.code, 'no_such_link');
    assert.doesNotMatch(unknown.body, /practice [A-Z]|Test Practice/);
    for (const bad of ['short', `${token}x`, `${token.slice(0, 42)}!`]) {
      const r = await replyLink(t, encodeURIComponent(bad), undefined, { ip: '198.51.100.1' });
      assert.equal(r.statusCode, 400, bad);
    }
    for (const body of [
      { answer: 'maybe' },
      {},
      { answer: 'confirm', extra: 1 },
      { answer: 'C' },
    ]) {
      const r = await replyLink(t, token, body, { ip: '198.51.100.1' });
      assert.equal(r.statusCode, 400, JSON.stringify(body));
    }
    // From another site: refused like every unsafe request that is not Hearth's own page.
    const foreign = await replyLink(
      t,
      token,
      { answer: 'cancel' },
      {
        ip: '198.51.100.1',
        headers: { 'sec-fetch-site': 'cross-site' },
      },
    );
    assert.equal(foreign.statusCode, 403);
    assert.equal((await appointmentState(t, s, appointmentId)).status, 'scheduled');
  });

  test('an address that keeps trying unknown tokens is refused for a while, valid ones too; others are not', async () => {
    const { token } = await linked();
    const ip = '198.51.100.99';
    for (let i = 0; i < 10; i++) {
      assert.equal((await replyLink(t, newToken(), undefined, { ip })).statusCode, 404);
    }
    const blocked = await replyLink(t, token, undefined, { ip });
    assert.equal(blocked.statusCode, 429);
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    assert.equal((await replyLink(t, token, undefined, { ip: '198.51.100.100' })).statusCode, 200);
  });
});
