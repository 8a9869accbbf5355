import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { newCanary } from '../../testing/canary.ts';
import { callAs, type StaffMember } from '../../testing/practice.ts';
import { draftNote, notesWorld, signedNote, type NotesWorld } from '../../notes/fixture.ts';
import { sendStaffDigests, staffDigestJob } from './job.ts';
import { digestEmail } from './wording.ts';

const PUBLIC_URL = 'https://hearth.example.org';

let w: NotesWorld;
let canary: string;
let canaryClientId: string;

before(async () => {
  w = await notesWorld();
  canary = newCanary();
  const r = await callAs(w.t, w.p.staff.front_desk, 'POST', '/api/v1/clients', {
    firstName: canary,
    lastName: `Client-${canary}`,
    dateOfBirth: '1990-01-02',
    email: `${canary}@example.org`,
    clinicianIds: [w.p.staff.associate.userId],
  });
  assert.equal(r.statusCode, 201, r.body);
  canaryClientId = r.json<{ id: string }>().id;
});
after(() => w.t.close());

interface Digest {
  notesToCosign: number;
  sessionsWithoutNote: number;
  drafts: number;
  noteDays: number;
}

async function digestOf(who: StaffMember): Promise<Digest> {
  const r = await callAs(w.t, who, 'GET', '/api/v1/digest');
  assert.equal(r.statusCode, 200, r.body);
  return r.json<Digest>();
}

/** A session of `clientId` with the associate that took place `daysAgo` days ago. */
async function pastSession(daysAgo: number, status = 'completed', clientId = canaryClientId) {
  const start = new Date(Date.now() + (200 + Math.random() * 2000) * 3_600_000);
  start.setUTCMinutes(0, 0, 0);
  const r = await callAs(w.t, w.p.staff.front_desk, 'POST', '/api/v1/appointments', {
    clientId,
    clinicianId: w.p.staff.associate.userId,
    start: start.toISOString(),
    end: new Date(start.getTime() + 50 * 60_000).toISOString(),
    kind: 'telehealth',
    serviceCode: '90834',
  });
  assert.equal(r.statusCode, 201, r.body);
  const id = r.json<{ id: string }>().id;
  // Booking in the past is refused by design; the fixture moves the session back in time.
  await w.t.db.withPractice(w.p.practiceId, (tx) =>
    sql`update appointments
           set start_at = now() - make_interval(days => ${daysAgo}),
               end_at = now() - make_interval(days => ${daysAgo}) + interval '50 minutes',
               status = ${status},
               status_reason = ${status === 'cancelled' ? 'other' : null}
         where id = ${id}`.execute(tx),
  );
  return id;
}

const setDigestEmail = (who: StaffMember, enabled: boolean) =>
  callAs(w.t, who, 'PUT', '/api/v1/me/digest-email', { enabled });

/** Digest emails in the outbox of the test practice. */
const digestRows = () =>
  w.t.db.withPractice(w.p.practiceId, (tx) =>
    tx
      .selectFrom('notification_outbox')
      .select(['recipient', 'subject', 'body', 'kind', 'idempotency_key', 'channel'])
      .where('kind', '=', 'digest')
      .execute(),
  );

describe('the staff digest in the app', () => {
  test('an associate counts their drafts and their sessions without a note older than the practice’s days', async () => {
    const before = await digestOf(w.p.staff.associate);
    assert.equal(before.noteDays, 3, 'no settings row: the default of three days');
    await draftNote(w, w.p.staff.associate);
    await pastSession(5); // counted: completed, older than 3 days, no note
    await pastSession(6, 'arrived'); // counted
    await pastSession(1); // too recent
    await pastSession(7, 'cancelled'); // cancelled sessions need no note
    const documented = await pastSession(8);
    const noted = await callAs(
      w.t,
      w.p.staff.associate,
      'POST',
      `/api/v1/clients/${canaryClientId}/notes`,
      { template: 'soap', fields: {}, appointmentId: documented },
    );
    assert.equal(noted.statusCode, 201, noted.body);
    const after = await digestOf(w.p.staff.associate);
    assert.equal(after.drafts, before.drafts + 2, 'the draft, and the note of the documented one');
    assert.equal(after.sessionsWithoutNote, before.sessionsWithoutNote + 2);
    assert.equal(after.notesToCosign, 0, 'associates co-sign nothing');

    // The practice shortens the delay: the one-day-old session counts too.
    await w.t.db.withPractice(w.p.practiceId, (tx) =>
      tx.insertInto('reminder_settings').values({ digest_note_days: 1 }).execute(),
    );
    try {
      const shorter = await digestOf(w.p.staff.associate);
      assert.equal(shorter.noteDays, 1);
      assert.equal(shorter.sessionsWithoutNote, after.sessionsWithoutNote + 1);
    } finally {
      await w.t.db.withPractice(w.p.practiceId, (tx) =>
        tx.updateTable('reminder_settings').set({ digest_note_days: 3 }).execute(),
      );
    }
  });

  test('a supervisor counts the notes waiting for their co-signature; front desk and billers see zeros', async () => {
    const before = await digestOf(w.p.staff.supervisor);
    await signedNote(w, w.p.staff.associate);
    const after = await digestOf(w.p.staff.supervisor);
    assert.equal(after.notesToCosign, before.notesToCosign + 1);
    const queue = await callAs(w.t, w.p.staff.supervisor, 'GET', '/api/v1/notes/cosign-queue');
    assert.equal(after.notesToCosign, queue.json<{ items: unknown[] }>().items.length);
    for (const who of [w.p.staff.front_desk, w.p.staff.biller]) {
      const d = await digestOf(who);
      assert.deepEqual(d, { notesToCosign: 0, sessionsWithoutNote: 0, drafts: 0, noteDays: 3 });
    }
  });

  test('another practice’s work is never counted', async () => {
    await signedNote(w, w.other.staff.associate, w.outsiderClientId);
    // Their associate has no supervisor: the note waits in their administrators' queue.
    const outsider = await digestOf(w.other.staff.admin);
    assert.equal(outsider.notesToCosign, 1);
    assert.equal(outsider.drafts, 0);
    const mine = await digestOf(w.p.staff.supervisor);
    const queue = await callAs(w.t, w.p.staff.supervisor, 'GET', '/api/v1/notes/cosign-queue');
    assert.equal(mine.notesToCosign, queue.json<{ items: unknown[] }>().items.length);
  });
});

describe('the choice of a daily digest email', () => {
  test('off by default; each person turns their own on and off, audited; nobody else’s changes', async () => {
    const read = (who: StaffMember) => callAs(w.t, who, 'GET', '/api/v1/me/digest-email');
    assert.deepEqual((await read(w.p.staff.biller)).json(), { enabled: false });
    const on = await setDigestEmail(w.p.staff.biller, true);
    assert.equal(on.statusCode, 200, on.body);
    assert.deepEqual(on.json(), { enabled: true });
    assert.deepEqual((await read(w.p.staff.biller)).json(), { enabled: true });
    assert.deepEqual((await read(w.p.staff.front_desk)).json(), { enabled: false });
    const audited = await w.t.db.withPractice(w.p.practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select(['actor_user_id', 'subject_id', 'detail'])
        .where('action', '=', 'user.digest_email.changed')
        .execute(),
    );
    assert.deepEqual(audited, [
      {
        actor_user_id: w.p.staff.biller.userId,
        subject_id: w.p.staff.biller.userId,
        detail: { enabled: true },
      },
    ]);
    assert.deepEqual((await setDigestEmail(w.p.staff.biller, false)).json(), { enabled: false });
  });

  test('bad input is a 400 and changes nothing', async () => {
    for (const body of [
      {},
      { enabled: 'yes' },
      { enabled: true, userId: w.p.staff.admin.userId },
    ]) {
      const r = await callAs(w.t, w.p.staff.associate, 'PUT', '/api/v1/me/digest-email', body);
      assert.equal(r.statusCode, 400, JSON.stringify(body));
    }
    const admin = await callAs(w.t, w.p.staff.admin, 'GET', '/api/v1/me/digest-email');
    assert.deepEqual(admin.json(), { enabled: false });
  });
});

describe('the daily digest email', () => {
  test('says the counts in words, with a link, and nothing else', () => {
    const email = digestEmail(
      { drafts: 2, sessionsWithoutNote: 1, notesToCosign: 1, noteDays: 3 },
      PUBLIC_URL,
    );
    assert.ok(email);
    assert.equal(email.subject, 'What waits for you in Hearth');
    assert.match(email.body, /^You have 3 notes to finish and 1 note to co-sign\.$/m);
    assert.match(email.body, /\(2 drafts, 1 session older than 3 days without a note\.\)/);
    assert.ok(email.body.includes(`${PUBLIC_URL}/today`));
    const one = digestEmail(
      { drafts: 0, sessionsWithoutNote: 0, notesToCosign: 2, noteDays: 3 },
      PUBLIC_URL,
    );
    assert.match(one?.body ?? '', /^You have 2 notes to co-sign\.$/m);
    assert.equal(
      digestEmail({ drafts: 0, sessionsWithoutNote: 0, notesToCosign: 0, noteDays: 3 }, PUBLIC_URL),
      null,
    );
  });

  test('goes once a day to those who asked and have something waiting: no client name, no canary', async () => {
    await draftNote(w, w.p.staff.associate, canaryClientId, { subjective: canary });
    await signedNote(w, w.p.staff.associate, canaryClientId);
    assert.equal((await setDigestEmail(w.p.staff.associate, true)).statusCode, 200);
    assert.equal((await setDigestEmail(w.p.staff.supervisor, true)).statusCode, 200);
    // Asked, but nothing waits: no email saying "nothing to do".
    assert.equal((await setDigestEmail(w.p.staff.front_desk, true)).statusCode, 200);
    const associate = await digestOf(w.p.staff.associate);
    const supervisor = await digestOf(w.p.staff.supervisor);

    const job = staffDigestJob(w.t.db, { publicUrl: PUBLIC_URL }, w.t.logs.logger);
    assert.equal(job.name, 'staff-digest');
    assert.equal(job.schedule, '0 7 * * *', 'every morning at 07:00 UTC');
    assert.deepEqual(await digestRows(), [], 'none before the first run');
    await job.run({});
    const rows = await digestRows();
    assert.deepEqual(
      rows.map((r) => r.recipient).sort(),
      [w.p.staff.associate.email, w.p.staff.supervisor.email].sort(),
    );
    const day = new Date().toISOString().slice(0, 10);
    for (const r of rows) {
      assert.equal(r.channel, 'email');
      assert.equal(r.kind, 'digest');
      const who =
        r.recipient === w.p.staff.associate.email ? w.p.staff.associate : w.p.staff.supervisor;
      assert.equal(r.idempotency_key, `digest:${who.userId}:${day}`);
      assert.ok(!r.body.includes(canary) && !r.subject.includes(canary), 'no client name');
      assert.ok(!r.body.includes('canary-'), 'not even part of it');
    }
    const toAssociate = rows.find((r) => r.recipient === w.p.staff.associate.email)!;
    const finish = associate.drafts + associate.sessionsWithoutNote;
    assert.match(toAssociate.body, new RegExp(`^You have ${finish} notes to finish\\.$`, 'm'));
    const toSupervisor = rows.find((r) => r.recipient === w.p.staff.supervisor.email)!;
    assert.match(
      toSupervisor.body,
      new RegExp(`${supervisor.notesToCosign} notes? to co-sign\\.$`, 'm'),
    );

    // A second run the same day (a retry, a manual send) adds nothing.
    assert.equal(await sendStaffDigests(w.t.db, { publicUrl: PUBLIC_URL }), 0);
    await job.run({});
    assert.equal((await digestRows()).length, 2);
    assert.ok(!w.t.logs.text().includes(canary), 'nor in the logs');
  });

  test('those who turned it off, or were suspended, get nothing', async () => {
    // Both have something waiting: the second associate a draft, the administrator the
    // second associate's signed note (nobody supervises them).
    await draftNote(w, w.p.secondAssociate, w.otherCareClientId);
    await signedNote(w, w.p.secondAssociate, w.otherCareClientId);
    assert.ok((await digestOf(w.p.staff.admin)).notesToCosign > 0);
    assert.equal((await setDigestEmail(w.p.staff.admin, true)).statusCode, 200);
    assert.equal((await setDigestEmail(w.p.staff.admin, false)).statusCode, 200);
    assert.equal((await setDigestEmail(w.p.secondAssociate, true)).statusCode, 200);
    const suspend = await callAs(
      w.t,
      w.p.staff.admin,
      'PATCH',
      `/api/v1/users/${w.p.secondAssociate.userId}`,
      { status: 'suspended' },
    );
    assert.equal(suspend.statusCode, 200, suspend.body);
    const before = (await digestRows()).length;
    assert.equal(await sendStaffDigests(w.t.db, { publicUrl: PUBLIC_URL }), 0);
    assert.equal((await digestRows()).length, before);
  });

  test('two runs at once (two workers) still queue one email per person', async () => {
    assert.ok((await digestOf(w.p.staff.admin)).notesToCosign > 0);
    assert.equal((await setDigestEmail(w.p.staff.admin, true)).statusCode, 200);
    const before = (await digestRows()).length;
    const runs = await Promise.all([
      sendStaffDigests(w.t.db, { publicUrl: PUBLIC_URL }),
      sendStaffDigests(w.t.db, { publicUrl: PUBLIC_URL }),
    ]);
    assert.equal(runs[0] + runs[1], 1);
    const rows = await digestRows();
    assert.equal(rows.length, before + 1);
    assert.equal(rows.filter((r) => r.recipient === w.p.staff.admin.email).length, 1);
  });
});
