import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../testing/app.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../testing/practice.ts';
import { enqueueMessage, type OutboundMessage } from '../platform/notify/outbox.ts';
import type { DeliveryLogPage } from './delivery-log-schemas.ts';
import { maskRecipient } from './delivery-log.ts';

const CANARY = 'CANARY-BODY-7731';
let t: TestApp;
let p: StaffedPractice;
let other: StaffedPractice;
const ids: Record<string, string> = {};

async function put(
  practiceId: string,
  name: string,
  message: OutboundMessage,
  state?: { status: 'sent' | 'delivered' | 'failed'; reason?: string },
) {
  const id = await t.db.withPractice(practiceId, async (tx) => {
    const id = await enqueueMessage(tx, message);
    if (state) {
      await sql`update notification_outbox set status = ${state.status}, status_at = now(),
                  last_error = ${state.reason ?? null}, attempts = 1 where id = ${id}`.execute(tx);
    }
    return id;
  });
  ids[name] = id;
}

before(async () => {
  t = await testApp();
  p = await staffedPractice(t);
  other = await staffedPractice(t, 'Other Practice');
  const sms = (to: string): OutboundMessage => ({
    channel: 'sms',
    to,
    subject: 'x',
    body: `Reminder ${CANARY}`,
    kind: 'reminder',
  });
  const mail = (to: string | null): OutboundMessage => ({
    channel: 'email',
    to,
    subject: 'Reset',
    body: `Link ${CANARY}`,
  });
  await put(p.practiceId, 'queuedSms', sms('+15550303044'));
  await put(p.practiceId, 'sentSms', sms('+15550303045'), { status: 'sent' });
  await put(p.practiceId, 'deliveredSms', sms('+15550303046'), { status: 'delivered' });
  await put(p.practiceId, 'failedSms', sms('+15550303047'), {
    status: 'failed',
    reason: 'twilio_30003',
  });
  await put(p.practiceId, 'mail', mail('jane.doe@example.org'), { status: 'sent' });
  await put(p.practiceId, 'admins', mail(null));
  await put(other.practiceId, 'elsewhere', sms('+15550303048'));
});
after(() => t.close());

function list(who: { cookie: string }, query = '') {
  return callAs(t, who, 'GET', `/api/v1/delivery-log${query}`);
}

describe('the delivery log', () => {
  test('admins see every message, masked and without its body, and the day in numbers', async () => {
    const response = await list(p.staff.admin);
    assert.equal(response.statusCode, 200, response.body);
    assert.ok(!response.body.includes(CANARY));
    assert.ok(!response.body.includes('303044'));
    assert.ok(!response.body.includes('jane.doe'));
    const page = response.json<DeliveryLogPage>();
    const byId = new Map(page.items.map((i) => [i.id, i]));
    assert.equal(byId.get(ids.queuedSms!)?.to, '••• 44');
    assert.equal(byId.get(ids.mail!)?.to, 'j•••@example.org');
    assert.equal(byId.get(ids.admins!)?.to, null);
    assert.deepEqual(
      [byId.get(ids.failedSms!)?.status, byId.get(ids.failedSms!)?.reason],
      ['failed', 'twilio_30003'],
    );
    assert.equal(byId.get(ids.failedSms!)?.kind, 'reminder');
    assert.ok(!byId.has(ids.elsewhere!), "another practice's message is not listed");
    assert.deepEqual(page.summary, {
      hours: 24,
      queued: 2,
      sent: 2,
      delivered: 1,
      failed: 1,
      failureRate: 0.25,
    });
    const audited = await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select('actor_user_id')
        .where('action', '=', 'delivery_log.read')
        .execute(),
    );
    assert.deepEqual(audited, [{ actor_user_id: p.staff.admin.userId }]);
  });

  test('filters by status, channel and kind', async () => {
    const failed = (await list(p.staff.admin, '?status=failed')).json<DeliveryLogPage>();
    assert.deepEqual(
      failed.items.map((i) => i.id),
      [ids.failedSms],
    );
    const email = (await list(p.staff.admin, '?channel=email')).json<DeliveryLogPage>();
    assert.deepEqual(new Set(email.items.map((i) => i.id)), new Set([ids.mail, ids.admins]));
    const reminders = (await list(p.staff.admin, '?kind=reminder')).json<DeliveryLogPage>();
    assert.equal(reminders.items.length, 4);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const none = (await list(p.staff.admin, `?from=${future}`)).json<DeliveryLogPage>();
    assert.equal(none.items.length, 0);
  });

  test('pages with the cursor, each message once', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const query: string = `?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: DeliveryLogPage = (await list(p.staff.admin, query)).json<DeliveryLogPage>();
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    }
    assert.equal(seen.length, 6);
    assert.equal(new Set(seen).size, 6);
  });

  test('bad input is a 400 with a clear message', async () => {
    for (const query of [
      '?cursor=nonsense',
      '?status=lost',
      '?limit=0',
      '?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z',
      '?body=1',
    ]) {
      const response = await list(p.staff.admin, query);
      assert.equal(response.statusCode, 400, query);
      assert.ok(response.json<{ error: { message: string } }>().error.message.length > 0);
    }
  });

  test('only admins: everyone else is refused', async () => {
    for (const role of ['supervisor', 'associate', 'biller', 'front_desk'] as const) {
      assert.equal((await list(p.staff[role])).statusCode, 403, role);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/delivery-log' });
    assert.equal(anonymous.statusCode, 401);
  });
});

test('recipients are masked whatever their shape', () => {
  assert.equal(maskRecipient('sms', '+447700900123'), '••• 23');
  assert.equal(maskRecipient('sms', '••• 23'), '••• 23');
  assert.equal(maskRecipient('email', 'a@b.example'), 'a•••@b.example');
  assert.equal(maskRecipient('email', 'not-an-address'), '•••');
});
