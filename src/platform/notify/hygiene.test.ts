import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../../testing/app.ts';
import { callAs, staffedPractice } from '../../testing/practice.ts';
import { SAME_ORIGIN } from '../../testing/http.ts';
import { enqueueMessage, type OutboundMessage } from './outbox.ts';
import { eraseUnsendable } from './hygiene.ts';

let t: TestApp;
let practiceId = '';

before(async () => {
  t = await testApp();
  practiceId = (await staffedPractice(t)).practiceId;
});
after(() => t.close());

async function put(message: OutboundMessage, ageDays = 0, sending = false): Promise<string> {
  return t.db.withPractice(practiceId, async (tx) => {
    const id = await enqueueMessage(tx, message);
    await sql`update notification_outbox
         set created_at = now() - make_interval(days => ${ageDays}),
             sending_at = case when ${sending} then now() else null end
       where id = ${id}`.execute(tx);
    return id;
  });
}

function row(id: string) {
  return t.db.withPractice(practiceId, (tx) =>
    tx
      .selectFrom('notification_outbox')
      .select(['status', 'last_error', 'body', 'recipient'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
  );
}

test('expired codes and week-old personal messages lose their text and number', async () => {
  const past = new Date(Date.now() - 60_000);
  const future = new Date(Date.now() + 3_600_000);
  const code = { channel: 'sms', to: '+15550505012', subject: 'c', body: 'Code 123456' } as const;
  const expired = await put({ ...code, expiresAt: past });
  const current = await put({ ...code, expiresAt: future });
  const inFlight = await put({ ...code, expiresAt: past }, 0, true);
  const reset = { channel: 'email', to: 'pat@example.test', subject: 'r', body: 'link' } as const;
  const oldMail = await put(reset, 8);
  const recentMail = await put(reset, 6);
  const forAdmins = await put({ ...reset, to: null }, 30);

  assert.ok((await eraseUnsendable(t.db)) >= 2);

  assert.deepEqual(await row(expired), {
    status: 'failed',
    last_error: 'expired',
    body: '',
    recipient: '••• 12',
  });
  assert.deepEqual(await row(oldMail), {
    status: 'failed',
    last_error: 'not_sent_in_time',
    body: '',
    recipient: 'pat@example.test',
  });
  // Still useful, being sent right now (the delivery reconciles it), or for admins to read.
  assert.deepEqual((await row(current)).body, 'Code 123456');
  assert.deepEqual((await row(inFlight)).status, 'queued');
  assert.deepEqual((await row(recentMail)).body, 'link');
  assert.deepEqual((await row(forAdmins)).body, 'link');
});

test("invitations and password resets carry their link's expiry to the outbox", async () => {
  const p = await staffedPractice(t, 'Expiry Practice');
  const invite = await callAs(t, p.staff.admin, 'POST', '/api/v1/users', {
    name: 'Sam New',
    email: 'sam.new@example.test',
    role: 'associate',
  });
  assert.equal(invite.statusCode, 201, invite.body);
  const reset = await t.app.inject({
    method: 'POST',
    url: '/api/v1/password-reset',
    headers: SAME_ORIGIN,
    payload: { email: p.staff.biller.email },
  });
  assert.ok(reset.statusCode < 300, reset.body);
  const rows = await t.db.withPractice(p.practiceId, (tx) =>
    tx.selectFrom('notification_outbox').select(['subject', 'expires_at', 'created_at']).execute(),
  );
  const hoursOf = (subject: string) => {
    const r = rows.find((x) => x.subject === subject);
    assert.ok(r?.expires_at, subject);
    return (r.expires_at.getTime() - r.created_at.getTime()) / 3_600_000;
  };
  assert.ok(Math.abs(hoursOf('You are invited to Hearth') - 72) < 0.1);
  assert.ok(Math.abs(hoursOf('Reset your Hearth password') - 0.5) < 0.1);
});
