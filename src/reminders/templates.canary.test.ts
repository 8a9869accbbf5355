import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { testApp, TEST_CONFIG, type TestApp } from '../testing/app.ts';
import { newCanary } from '../testing/canary.ts';
import { callAs } from '../testing/practice.ts';
import { NumberDigester } from '../platform/sms/phone.ts';
import {
  book,
  booking,
  schedulingPractice,
  upcoming,
  type Scheduling,
} from '../scheduling/test-fixtures.ts';
import { PLACEHOLDERS, sendDueReminders } from './index.ts';
import { addRule, setPreferences } from './test-fixtures.ts';

// DESIGN.md invariant 4 for reminders: a canary in every PHI column of the fixture — the
// client's names, pronouns, email's local part, address, emergency contact, the appointment's
// remark, service code and meeting link, a diagnosis, an insurance policy, a note — and every
// template rendered with every field filled, through the real send job: none reaches a message.
let t: TestApp;
let s: Scheduling;
const canary = newCanary();
const SERVICE = 'Q7Z9K';
const digester = new NumberDigester(randomBytes(32));

before(async () => {
  t = await testApp();
  s = await schedulingPractice(t);
});
after(() => t.close());

async function ok(method: 'POST' | 'PATCH' | 'PUT', url: string, body: unknown, status = 201) {
  const r = await callAs(t, s.p.staff.admin, method, url, body);
  assert.equal(r.statusCode, status, `${method} ${url}: ${r.body}`);
  return r.json<{ id: string }>();
}

test('no PHI column reaches a reminder’s subject or body; the practice’s own words do', async () => {
  const client = await ok('POST', '/api/v1/clients', {
    firstName: `${canary}-first`.slice(0, 100),
    lastName: `${canary}-last`,
    preferredName: `${canary}-preferred`,
    pronouns: canary.slice(0, 40),
    dateOfBirth: '1987-06-05',
    email: `${canary}@example.test`,
    phone: '+1 (555) 201-3344',
    address: {
      line1: `${canary} line1`,
      line2: `${canary} line2`,
      city: `${canary}-city`,
      region: 'NY',
      postalCode: '10001',
    },
    emergencyContact: { name: `${canary}-contact`, relationship: `${canary}-rel`.slice(0, 60) },
    clinicianIds: [s.p.staff.associate.userId],
  });
  await ok('POST', `/api/v1/clients/${client.id}/diagnoses`, { code: 'F41.1' });
  await ok('POST', `/api/v1/clients/${client.id}/insurance`, {
    priority: 'primary',
    payerName: `${canary}-payer`,
    planName: `${canary}-plan`,
    memberId: canary,
    groupNumber: canary.slice(0, 40),
    subscriberRelationship: 'other',
    subscriberName: `${canary}-subscriber`,
    subscriberDateOfBirth: '1960-02-02',
  });
  const note = await callAs(t, s.p.staff.associate, 'POST', `/api/v1/clients/${client.id}/notes`, {
    template: 'soap',
    fields: {
      subjective: `${canary}-subjective`,
      objective: `${canary}-objective`,
      assessment: `${canary}-assessment`,
      plan: `${canary}-plan`,
    },
  });
  assert.equal(note.statusCode, 201, note.body);
  const location = await ok('POST', '/api/v1/locations', { name: 'Main office' });
  const forClient = { ...s, clientId: client.id };
  const appointments = [
    booking(forClient, upcoming(s.zone, 2, 2, '10:00'), 50, {
      serviceCode: SERVICE,
      remark: `${canary}-remark`,
      telehealthUrl: `https://meet.example.org/${canary}`,
    }),
    booking(forClient, upcoming(s.zone, 2, 3, '10:00'), 50, {
      kind: 'in_person',
      locationId: location.id,
      serviceCode: SERVICE,
      remark: `${canary}-remark`,
    }),
    booking(forClient, upcoming(s.zone, 2, 4, '10:00'), 50, {
      kind: 'in_person',
      serviceCode: SERVICE,
    }),
  ];
  for (const a of appointments) {
    const r = await book(t, s.p.staff.front_desk, a);
    assert.equal(r.statusCode, 201, r.body);
  }
  await setPreferences(t, s.p, client.id, { sms: true, consent: true, timeZone: 'Europe/Berlin' });
  await addRule(t, s.p, { offsetMinutes: 60, askConfirmation: true });
  await addRule(t, s.p, { offsetMinutes: 120, askConfirmation: false });

  const every = PLACEHOLDERS.map((p) => `{${p}}`).join(' ');
  const practiceWords = `Your therapy appointment: ${every}`;
  const rounds = [
    null,
    { email_subject: practiceWords, email_body: practiceWords, sms_body: practiceWords },
  ];
  for (const templates of rounds) {
    if (templates) {
      await t.db.withPractice(s.p.practiceId, (tx) =>
        tx.insertInto('reminder_settings').values(templates).execute(),
      );
      // Send the same reminders again, as new ones, through the practice's templates.
      await t.db.withPractice(s.p.practiceId, async (tx) => {
        await sql`insert into reminders (appointment_id, rule_id, channel, due_at, appointment_start)
                select appointment_id, rule_id, channel, now() + interval '1 hour', appointment_start
                  from reminders where status = 'queued'`.execute(tx);
        await sql`update reminders set status = 'skipped' where status = 'queued'`.execute(tx);
      });
    }
    await t.db.withPractice(s.p.practiceId, (tx) =>
      sql`update reminders set due_at = now() - interval '1 minute' where status = 'pending'`.execute(
        tx,
      ),
    );
    const report = await sendDueReminders({ db: t.db, digester, publicUrl: TEST_CONFIG.publicUrl });
    assert.deepEqual(
      report,
      { queued: 12, skipped: 0 },
      `three appointments, two rules, two channels (${templates ? 'practice' : 'default'} templates)`,
    );
    const messages = await t.db.withPractice(s.p.practiceId, (tx) =>
      tx
        .selectFrom('notification_outbox')
        .select(['subject', 'body', 'channel'])
        .where('kind', '=', 'reminder')
        .where('status', '=', 'queued')
        .execute(),
    );
    assert.equal(messages.length, 12);
    for (const m of messages) {
      const text = `${m.subject}\n${m.body}`;
      assert.ok(
        !text.includes(canary.slice(7, 20)),
        `a PHI canary reached a ${m.channel}: ${text}`,
      );
      assert.ok(!text.includes(SERVICE), 'the service code reached a message');
      assert.ok(!text.includes('F41'), 'the diagnosis code reached a message');
      assert.doesNotMatch(text, /anxiety|meet\.example/i);
      assert.doesNotMatch(text, /\{[a-z]+\}/, 'every placeholder filled');
      if (templates) assert.match(m.body, /Your therapy appointment/);
      else assert.doesNotMatch(text, /therap|counsel|treatment/i);
    }
    const bodies = messages.map((m) => m.body).join('\n');
    assert.match(bodies, /video session/);
    assert.match(bodies, /Main office/);
    assert.match(bodies, /CET|GMT\+1|CEST|GMT\+2/, 'times on the client’s (Berlin) clock');
    // The next round's messages are told apart by status.
    await t.db.withPractice(s.p.practiceId, async (tx) => {
      await sql`update notification_outbox set status = 'sent' where kind = 'reminder'`.execute(tx);
    });
  }
});
