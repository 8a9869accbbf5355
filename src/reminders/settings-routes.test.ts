import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
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
import { remindersOf } from './test-fixtures.ts';

let t: TestApp;
let s: Scheduling;
let other: StaffedPractice;

interface Answer {
  settings: Record<string, unknown>;
  rules: { id: string; offsetMinutes: number; enabled: boolean }[];
  defaults: { emailSubject: string; emailBody: string; smsBody: string };
  placeholders: string[];
}

before(async () => {
  t = await testApp();
  s = await schedulingPractice(t);
  other = await staffedPractice(t);
});
after(() => t.close());

const admin = () => s.p.staff.admin;
const settings = async () =>
  (await callAs(t, admin(), 'GET', '/api/v1/reminder-settings')).json<Answer>();

describe('reminder settings', () => {
  test('without a row: the defaults, the default wording and the placeholders', async () => {
    const r = await callAs(t, admin(), 'GET', '/api/v1/reminder-settings');
    assert.equal(r.statusCode, 200, r.body);
    const a = r.json<Answer>();
    assert.deepEqual(a.settings, {
      quietStart: '21:00',
      quietEnd: '08:00',
      lateCancelHours: 24,
      emailSubject: null,
      emailBody: null,
      smsBody: null,
      failureAlertPercent: 20,
      digestNoteDays: 3,
    });
    assert.deepEqual(a.rules, []);
    assert.deepEqual(a.placeholders, ['date', 'time', 'clinician', 'practice', 'place', 'link']);
    assert.match(a.defaults.smsBody, /\{time\}/);
  });

  test('saving: the fields given change, the rest stay, audited', async () => {
    const r = await callAs(t, admin(), 'PUT', '/api/v1/reminder-settings', {
      quietStart: '22:30',
      lateCancelHours: 48,
      smsBody: 'Our therapy practice {practice}: {date} {time}',
    });
    assert.equal(r.statusCode, 200, r.body);
    const a = r.json<Answer>();
    assert.equal(a.settings.quietStart, '22:30');
    assert.equal(a.settings.quietEnd, '08:00');
    assert.equal(a.settings.lateCancelHours, 48);
    assert.equal(a.settings.smsBody, 'Our therapy practice {practice}: {date} {time}');
    const back = await callAs(t, admin(), 'PUT', '/api/v1/reminder-settings', { smsBody: null });
    assert.equal(back.json<Answer>().settings.smsBody, null);
    assert.equal(back.json<Answer>().settings.lateCancelHours, 48);
    const rows = await auditRows(t, s.p.practiceId, 'reminder.settings.changed');
    assert.deepEqual(
      rows.map((e) => [e.actor_user_id, e.detail]),
      [
        [admin().userId, { fields: 'lateCancelHours+quietStart+smsBody' }],
        [admin().userId, { fields: 'smsBody' }],
      ],
    );
  });

  test('bad input: 400 naming the field, nothing changed', async () => {
    const before = await settings();
    const cases: [unknown, string, RegExp][] = [
      [{ quietStart: '25:00' }, 'validation_failed', /quietStart/],
      [{ quietEnd: '8:00' }, 'validation_failed', /quietEnd/],
      [{ lateCancelHours: 400 }, 'validation_failed', /lateCancelHours/],
      [{ failureAlertPercent: 0 }, 'validation_failed', /failureAlertPercent/],
      [{ smsBody: 'x'.repeat(481) }, 'validation_failed', /smsBody/],
      [{ emailBody: '' }, 'validation_failed', /emailBody/],
      [{ colour: 'red' }, 'validation_failed', /colour/],
      [{}, 'validation_failed', /./],
      [
        { lateCancelHours: 12, smsBody: 'Hi {firstName} on {date}' },
        'unknown_placeholder',
        /^smsBody: unknown placeholder \{firstName\}/,
      ],
      [{ emailSubject: '{diagnosis}' }, 'unknown_placeholder', /emailSubject.*\{diagnosis\}/],
    ];
    for (const [body, code, message] of cases) {
      const r = await callAs(t, admin(), 'PUT', '/api/v1/reminder-settings', body);
      assert.equal(r.statusCode, 400, `${JSON.stringify(body)}: ${r.body}`);
      assert.equal(errorCode(r), code, r.body);
      assert.match(r.json<{ error: { message: string } }>().error.message, message);
    }
    assert.deepEqual(await settings(), before);
  });

  test('only administrators: others get 403, audited', async () => {
    for (const role of ['supervisor', 'associate', 'biller', 'front_desk'] as const) {
      const who = s.p.staff[role];
      assert.equal((await callAs(t, who, 'GET', '/api/v1/reminder-settings')).statusCode, 403);
      const put = await callAs(t, who, 'PUT', '/api/v1/reminder-settings', { lateCancelHours: 1 });
      assert.equal(put.statusCode, 403);
      const rule = await callAs(t, who, 'POST', '/api/v1/reminder-rules', {
        offsetMinutes: 60,
        channels: ['email'],
      });
      assert.equal(rule.statusCode, 403);
    }
    const denied = await auditRows(t, s.p.practiceId, 'auth.access.denied');
    assert.ok(denied.length >= 12);
    assert.equal((await settings()).settings.lateCancelHours, 48);
  });

  test('the preview renders sample values, never real data; SMS segments counted', async () => {
    const r = await callAs(t, admin(), 'POST', '/api/v1/reminder-settings/preview', {
      smsBody: '{practice} {date} {time} {clinician} {place} {link}',
    });
    assert.equal(r.statusCode, 200, r.body);
    const p = r.json<{
      email: { subject: string; body: string };
      sms: { body: string; segments: number };
    }>();
    assert.match(p.email.subject, /Appointment reminder: Tuesday, March 9 at 9:00 AM EST/);
    assert.match(p.email.body, /\/r\/sample-link/);
    assert.equal(
      p.sms.body,
      'Riverside Practice Tuesday, March 9 9:00 AM EST Alex Rivera Main office Reply C to confirm, X to cancel.',
    );
    assert.equal(p.sms.segments, 1);
    const long = await callAs(t, admin(), 'POST', '/api/v1/reminder-settings/preview', {
      smsBody: `${'x'.repeat(150)} {date}`,
    });
    assert.equal(long.json<{ sms: { segments: number } }>().sms.segments, 2);
    const bad = await callAs(t, admin(), 'POST', '/api/v1/reminder-settings/preview', {
      emailBody: '{client}',
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(errorCode(bad), 'unknown_placeholder');
  });
});

describe('reminder rules', () => {
  let ruleId = '';

  test('adding a rule plans reminders for booked appointments; the answer is the rule', async () => {
    const a = await book(t, s.p.staff.front_desk, booking(s, upcoming(s.zone, 2, 2, '12:00')));
    assert.equal(a.statusCode, 201, a.body);
    const appointmentId = a.json<{ id: string }>().id;
    const r = await callAs(t, admin(), 'POST', '/api/v1/reminder-rules', {
      offsetMinutes: 2880,
      channels: ['email', 'sms'],
      askConfirmation: true,
    });
    assert.equal(r.statusCode, 201, r.body);
    const rule = r.json<Record<string, unknown>>();
    ruleId = rule.id as string;
    assert.deepEqual(rule, {
      id: ruleId,
      offsetMinutes: 2880,
      channels: ['email', 'sms'],
      kinds: ['in_person', 'telehealth'],
      askConfirmation: true,
      enabled: true,
    });
    const rows = await remindersOf(t, s.p.practiceId, [appointmentId]);
    assert.deepEqual(
      rows.map((x) => [x.rule_id, x.channel, x.status]),
      [[ruleId, 'email', 'pending']],
    );
    const patched = await callAs(t, admin(), 'PATCH', `/api/v1/reminder-rules/${ruleId}`, {
      enabled: false,
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json<{ enabled: boolean }>().enabled, false);
    assert.deepEqual(
      (await remindersOf(t, s.p.practiceId, [appointmentId])).map((x) => x.status),
      ['withdrawn'],
    );
    assert.deepEqual(
      (await settings()).rules.map((x) => [x.id, x.enabled]),
      [[ruleId, false]],
    );
    assert.equal((await auditRows(t, s.p.practiceId, 'reminder.rule.created')).length, 1);
    assert.deepEqual(
      (await auditRows(t, s.p.practiceId, 'reminder.rule.changed')).map((e) => e.detail),
      [{ fields: 'enabled' }],
    );
  });

  test('bad rules: 400 naming the field, nothing added or changed', async () => {
    const cases: [string, string, unknown, RegExp][] = [
      [
        'POST',
        '/api/v1/reminder-rules',
        { offsetMinutes: 5, channels: ['email'] },
        /offsetMinutes/,
      ],
      ['POST', '/api/v1/reminder-rules', { offsetMinutes: 60, channels: [] }, /channels/],
      ['POST', '/api/v1/reminder-rules', { offsetMinutes: 60, channels: ['fax'] }, /channels/],
      [
        'POST',
        '/api/v1/reminder-rules',
        { offsetMinutes: 60, channels: ['sms', 'sms'] },
        /channels/,
      ],
      [
        'POST',
        '/api/v1/reminder-rules',
        { offsetMinutes: 60, channels: ['sms'], kinds: ['phone'] },
        /kinds/,
      ],
      ['POST', '/api/v1/reminder-rules', { channels: ['sms'] }, /offsetMinutes/],
      ['PATCH', `/api/v1/reminder-rules/${ruleId}`, { offsetMinutes: 99999 }, /offsetMinutes/],
      ['PATCH', `/api/v1/reminder-rules/${ruleId}`, {}, /./],
      ['PATCH', '/api/v1/reminder-rules/not-a-uuid', { enabled: true }, /id/],
    ];
    for (const [method, url, body, field] of cases) {
      const r = await callAs(t, admin(), method as 'POST', url, body);
      assert.equal(r.statusCode, 400, `${method} ${JSON.stringify(body)}: ${r.body}`);
      assert.match(r.json<{ error: { message: string } }>().error.message, field);
    }
    assert.deepEqual(
      (await settings()).rules.map((x) => [x.id, x.offsetMinutes]),
      [[ruleId, 2880]],
    );
  });

  test('another practice’s rule, or a removed one, is 404; removing withdraws its reminders', async () => {
    const theirs = await callAs(t, other.staff.admin, 'PATCH', `/api/v1/reminder-rules/${ruleId}`, {
      enabled: true,
    });
    assert.equal(theirs.statusCode, 404);
    const gone = await callAs(t, other.staff.admin, 'DELETE', `/api/v1/reminder-rules/${ruleId}`);
    assert.equal(gone.statusCode, 404);
    assert.deepEqual(
      (await settings()).rules.map((x) => x.id),
      [ruleId],
    );
    const del = await callAs(t, admin(), 'DELETE', `/api/v1/reminder-rules/${ruleId}`);
    assert.equal(del.statusCode, 204, del.body);
    assert.deepEqual((await settings()).rules, []);
    const again = await callAs(t, admin(), 'DELETE', `/api/v1/reminder-rules/${ruleId}`);
    assert.equal(again.statusCode, 404);
    assert.equal(errorCode(again), 'not_found');
    assert.equal((await auditRows(t, s.p.practiceId, 'reminder.rule.deleted')).length, 1);
  });

  test('at most ten rules', async () => {
    for (let i = 0; i < 10; i++) {
      const r = await callAs(t, admin(), 'POST', '/api/v1/reminder-rules', {
        offsetMinutes: 60 + i,
        channels: ['email'],
        enabled: false,
      });
      assert.equal(r.statusCode, 201, r.body);
    }
    const r = await callAs(t, admin(), 'POST', '/api/v1/reminder-rules', {
      offsetMinutes: 30,
      channels: ['email'],
    });
    assert.equal(r.statusCode, 400);
    assert.equal(errorCode(r), 'too_many_rules');
    assert.equal((await settings()).rules.length, 10);
  });
});
