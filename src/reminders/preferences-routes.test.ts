import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, TEST_NUMBERS, type TestApp } from '../testing/app.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../testing/practice.ts';
import {
  auditRows,
  book,
  booking,
  errorCode,
  schedulingPractice,
  upcoming,
  type Scheduling,
} from '../scheduling/test-fixtures.ts';
import { addRule, remindersOf } from './test-fixtures.ts';

let t: TestApp;
let s: Scheduling;
let other: StaffedPractice;

interface Prefs {
  emailReminders: boolean;
  smsReminders: boolean;
  smsConsent: { at: string; byName: string } | null;
  timeZone: string | null;
  hasEmail: boolean;
  phone: 'ok' | 'missing' | 'invalid';
  optedOut: boolean;
}

before(async () => {
  t = await testApp();
  s = await schedulingPractice(t);
  other = await staffedPractice(t);
});
after(() => t.close());

const url = (id = s.clientId) => `/api/v1/clients/${id}/contact-preferences`;
const desk = () => s.p.staff.front_desk;
const read = async () => (await callAs(t, desk(), 'GET', url())).json<Prefs>();
const on = { emailReminders: true, smsReminders: true, smsConsent: true, timeZone: null };

describe('a client’s contact preferences', () => {
  test('none saved: email on, texts off, no consent; what the record holds; the read audited', async () => {
    const r = await callAs(t, desk(), 'GET', url());
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json(), {
      emailReminders: true,
      smsReminders: false,
      smsConsent: null,
      timeZone: null,
      hasEmail: false,
      phone: 'missing',
      optedOut: false,
    });
    const rows = await auditRows(t, s.p.practiceId, 'client.contact_preferences.read');
    assert.deepEqual(
      rows.map((e) => [e.actor_user_id, e.client_id, e.outcome]),
      [[desk().userId, s.clientId, 'success']],
    );
  });

  test('consent on records now and the caller; kept when saved again; off clears it; audited', async () => {
    const rule = await addRule(t, s.p, { offsetMinutes: 2880, channels: ['sms'] });
    const a = await book(t, desk(), booking(s, upcoming(s.zone, 2, 2, '12:00')));
    const appointmentId = a.json<{ id: string }>().id;
    const before = Date.now();
    const r = await callAs(t, desk(), 'PUT', url(), on);
    assert.equal(r.statusCode, 200, r.body);
    const first = r.json<Prefs>();
    assert.ok(first.smsConsent);
    assert.match(first.smsConsent.byName, /^front desk /);
    assert.ok(Date.parse(first.smsConsent.at) >= before - 1000);
    assert.deepEqual(
      (await remindersOf(t, s.p.practiceId, [appointmentId])).map((x) => [x.rule_id, x.status]),
      [[rule, 'pending']],
      'the SMS reminder follows in the same transaction',
    );
    const again = await callAs(t, s.p.staff.admin, 'PUT', url(), {
      ...on,
      timeZone: 'Europe/Berlin',
    });
    assert.deepEqual(again.json<Prefs>().smsConsent, first.smsConsent, 'consent kept as recorded');
    assert.equal(again.json<Prefs>().timeZone, 'Europe/Berlin');
    const off = await callAs(t, desk(), 'PUT', url(), { ...on, smsConsent: false });
    assert.equal(off.json<Prefs>().smsConsent, null);
    assert.deepEqual(
      (await remindersOf(t, s.p.practiceId, [appointmentId])).map((x) => x.status),
      ['withdrawn'],
    );
    const rows = await auditRows(t, s.p.practiceId, 'client.contact_preferences.changed');
    assert.deepEqual(
      rows.map((e) => [e.client_id, (e.detail as { smsConsent: string }).smsConsent]),
      [
        [s.clientId, 'recorded'],
        [s.clientId, 'kept'],
        [s.clientId, 'none'],
      ],
    );
  });

  test('the number: ok, invalid, or opted out by STOP (found by its digest)', async () => {
    const setPhone = (phone: string | null, email: string | null = 'r@example.test') =>
      callAs(t, desk(), 'PATCH', `/api/v1/clients/${s.clientId}`, { phone, email });
    assert.equal((await setPhone('(555) 201-3344')).statusCode, 200);
    let p = await read();
    assert.deepEqual([p.hasEmail, p.phone, p.optedOut], [true, 'ok', false]);
    await t.db.withPractice(s.p.practiceId, (tx) =>
      tx
        .insertInto('sms_opt_outs')
        .values({ number_digest: TEST_NUMBERS.digest('+15552013344')!, opted_out: true })
        .execute(),
    );
    p = await read();
    assert.equal(p.optedOut, true);
    assert.equal((await setPhone('123')).statusCode, 200);
    p = await read();
    assert.deepEqual([p.phone, p.optedOut], ['invalid', false]);
  });

  test('bad input: 400 naming the field, nothing changed', async () => {
    const before = await read();
    const cases: [unknown, RegExp][] = [
      [{ ...on, timeZone: 'Mars/Olympus' }, /timeZone/],
      [{ ...on, timeZone: '' }, /timeZone/],
      [{ ...on, smsConsent: 'yes' }, /smsConsent/],
      [{ emailReminders: true, smsReminders: true, smsConsent: true }, /timeZone/],
      [{ ...on, note: 'x' }, /note/],
    ];
    for (const [body, field] of cases) {
      const r = await callAs(t, desk(), 'PUT', url(), body);
      assert.equal(r.statusCode, 400, `${JSON.stringify(body)}: ${r.body}`);
      assert.match(r.json<{ error: { message: string } }>().error.message, field);
    }
    const bad = await callAs(t, desk(), 'PUT', url('not-a-uuid'), on);
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(await read(), before);
  });

  test('through the one access rule: out of care 403 audited, another practice 404, biller read-only', async () => {
    // The second associate does not care for this client.
    const before = await read();
    const read2 = await callAs(t, s.p.secondAssociate, 'GET', url());
    assert.equal(read2.statusCode, 403);
    assert.equal(errorCode(read2), 'not_your_client');
    const write2 = await callAs(t, s.p.secondAssociate, 'PUT', url(), { ...on, smsConsent: false });
    assert.equal(write2.statusCode, 403);
    const denied = [
      ...(await auditRows(t, s.p.practiceId, 'client.contact_preferences.read')),
      ...(await auditRows(t, s.p.practiceId, 'client.contact_preferences.changed')),
    ].filter((e) => e.outcome === 'denied');
    assert.deepEqual(
      denied.map((e) => [e.actor_user_id, e.client_id]),
      [
        [s.p.secondAssociate.userId, s.clientId],
        [s.p.secondAssociate.userId, s.clientId],
      ],
    );
    for (const method of ['GET', 'PUT'] as const) {
      const r = await callAs(
        t,
        other.staff.admin,
        method,
        url(),
        method === 'PUT' ? on : undefined,
      );
      assert.equal(r.statusCode, 404, r.body);
    }
    assert.equal((await callAs(t, s.p.staff.biller, 'GET', url())).statusCode, 200);
    assert.equal((await callAs(t, s.p.staff.biller, 'PUT', url(), on)).statusCode, 403);
    assert.equal((await callAs(t, s.p.staff.associate, 'GET', url())).statusCode, 200);
    assert.deepEqual(await read(), before);
  });
});

describe('an appointment’s reminders', () => {
  test('listed with their state and delivery; the read audited; refusals as for the client', async () => {
    const a = await book(t, desk(), booking(s, upcoming(s.zone, 3, 2, '12:00')));
    const id = a.json<{ id: string }>().id;
    await callAs(t, desk(), 'PUT', url(), { ...on, smsConsent: true });
    const [reminder] = await remindersOf(t, s.p.practiceId, [id]);
    assert.ok(reminder);
    await t.db.withPractice(s.p.practiceId, async (tx) => {
      const o = await tx
        .insertInto('notification_outbox')
        .values({
          channel: 'sms',
          recipient: '+15552013344',
          subject: 'Appointment reminder',
          body: '',
          kind: 'reminder',
          status: 'failed',
          status_at: new Date('2030-01-01T00:00:00Z'),
          last_error: '30006',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .updateTable('reminders')
        .set({ status: 'queued', outbox_id: o.id })
        .where('id', '=', reminder.id)
        .execute();
    });
    const r = await callAs(t, s.p.staff.associate, 'GET', `/api/v1/appointments/${id}/reminders`);
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json(), {
      items: [
        {
          id: reminder.id,
          channel: 'sms',
          dueAt: reminder.due_at.toISOString(),
          status: 'queued',
          statusDetail: null,
          delivery: { status: 'failed', at: '2030-01-01T00:00:00.000Z', reason: '30006' },
          reply: null,
          repliedAt: null,
        },
      ],
    });
    const reads = await auditRows(t, s.p.practiceId, 'appointment.reminders.read');
    assert.deepEqual(
      reads.map((e) => [e.actor_user_id, e.client_id, e.subject_id, e.outcome]),
      [[s.p.staff.associate.userId, s.clientId, id, 'success']],
    );
    const out = await callAs(t, s.p.secondAssociate, 'GET', `/api/v1/appointments/${id}/reminders`);
    assert.equal(out.statusCode, 403);
    const denied = (await auditRows(t, s.p.practiceId, 'appointment.reminders.read')).filter(
      (e) => e.outcome === 'denied',
    );
    assert.deepEqual(
      denied.map((e) => [e.actor_user_id, e.subject_id]),
      [[s.p.secondAssociate.userId, id]],
    );
    const theirs = await callAs(
      t,
      other.staff.admin,
      'GET',
      `/api/v1/appointments/${id}/reminders`,
    );
    assert.equal(theirs.statusCode, 404);
    const bad = await callAs(t, desk(), 'GET', '/api/v1/appointments/nope/reminders');
    assert.equal(bad.statusCode, 400);
  });
});
