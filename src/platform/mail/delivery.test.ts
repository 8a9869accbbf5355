import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../../testing/app.ts';
import { captureLogs } from '../../testing/logs.ts';
import { staffedPractice } from '../../testing/practice.ts';
import { enqueueMessage } from '../notify/outbox.ts';
import { NumberDigester } from '../sms/phone.ts';
import { FakeTwilio, TWILIO_ERRORS } from '../sms/testing/fake-twilio.ts';
import { TwilioSmsSender, type SmsSender } from '../sms/twilio.ts';
import { OutboxDelivery } from './delivery.ts';

const CALLBACK = 'https://hearth.example.org/api/v1/webhooks/twilio/status';
let t: TestApp;
let twilio: FakeTwilio;
let practiceId = '';
const numbers = new NumberDigester(randomBytes(32));

function delivery(
  sms: SmsSender = new TwilioSmsSender(twilio.options),
  logger = captureLogs().logger,
) {
  return new OutboxDelivery(t.db, { sms }, logger, {
    numbers,
    statusCallbackUrl: CALLBACK,
  });
}

function text(to: string, body: string, extra: { expiresAt?: Date } = {}) {
  return t.db.withPractice(practiceId, (tx) =>
    enqueueMessage(tx, { channel: 'sms', to, subject: 'x', body, kind: 'reminder', ...extra }),
  );
}

interface Row {
  id: string;
  status: string;
  provider_id: string | null;
  last_error: string | null;
  attempts: number;
  sending_at: Date | null;
  next_attempt_at: Date | null;
  body: string;
  recipient: string | null;
}

function row(id: string): Promise<Row> {
  return t.db.withPractice(practiceId, (tx) =>
    tx
      .selectFrom('notification_outbox')
      .select([
        'id',
        'status',
        'provider_id',
        'last_error',
        'attempts',
        'sending_at',
        'next_attempt_at',
        'body',
        'recipient',
      ])
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
  );
}

/** Time passes for these messages: leases and back-off run out. */
function age(ids: string[]) {
  return t.db.withPractice(practiceId, (tx) =>
    sql`update notification_outbox
           set claimed_at = claimed_at - interval '1 day',
               next_attempt_at = next_attempt_at - interval '1 day'
         where id = any(${ids})`.execute(tx),
  );
}

before(async () => {
  twilio = await FakeTwilio.start();
  t = await testApp();
  practiceId = (await staffedPractice(t)).practiceId;
});
after(async () => {
  await t.close();
  await twilio.close();
});
beforeEach(async () => {
  twilio.recover();
  // Each test starts with nothing waiting from another.
  await t.db.withPractice(practiceId, (tx) =>
    sql`update notification_outbox set status = 'failed' where status = 'queued'`.execute(tx),
  );
});

describe('SMS delivery', () => {
  test("sent: Twilio's SID recorded, a status callback asked for, the text erased", async () => {
    const id = await text('+15550101001', 'Reminder: Tue 10:00 with Dr. Lee.');
    assert.equal(await delivery().deliver(), 1);
    const [sent] = twilio.messagesTo('+15550101001');
    assert.equal(sent?.body, 'Reminder: Tue 10:00 with Dr. Lee.');
    assert.equal(sent?.statusCallback, `${CALLBACK}?m=${id}`);
    const r = await row(id);
    assert.equal(r.status, 'sent');
    assert.equal(r.provider_id, sent.sid);
    assert.match(r.provider_id ?? '', /^SM[0-9a-f]{32}$/);
    assert.deepEqual([r.body, r.recipient, r.sending_at], ['', '••• 01', null]);
  });

  test('a provider failure is retried with growing back-off, then fails with the reason', async () => {
    const id = await text('+15550101002', 'Reminder two');
    twilio.fail(TWILIO_ERRORS.internal);
    const logs = captureLogs();
    const d = delivery(undefined, logs.logger);
    const gaps: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      const started = Date.now();
      assert.equal(await d.deliver(), 0);
      const r = await row(id);
      assert.equal(r.attempts, attempt);
      assert.equal(r.last_error, 'twilio_20500');
      if (attempt < 8) {
        assert.equal(r.status, 'queued');
        gaps.push(r.next_attempt_at!.getTime() - started);
        // Not due yet: a pass before the back-off has run out leaves it alone.
        assert.equal(await d.deliver(), 0);
        assert.equal((await row(id)).attempts, attempt);
      }
      await age([id]);
    }
    for (let i = 1; i < gaps.length; i += 1) assert.ok(gaps[i]! > gaps[i - 1]!, String(gaps));
    // An HTTP 500 may hide an accepted message: each retry first looked for it at Twilio, and
    // so does one last pass before the message is given up.
    assert.equal((await row(id)).status, 'queued');
    const lists = twilio.lists;
    assert.equal(await d.deliver(), 0);
    assert.equal(twilio.lists, lists + 1);
    const r = await row(id);
    assert.equal(r.status, 'failed');
    assert.equal(r.last_error, 'twilio_20500');
    assert.equal(r.body, '');
    assert.equal(twilio.messagesTo('+15550101002').length, 0);
    // The log says which message and why, never to whom or what.
    assert.match(logs.text(), /twilio_20500/);
    assert.doesNotMatch(logs.text(), /0101002|Reminder two|Internal Server Error/);
  });

  test('a refusal of the message itself (unsubscribed at Twilio) fails at once', async () => {
    const id = await text('+15550101003', 'Reminder three');
    twilio.fail(TWILIO_ERRORS.unsubscribed, 1);
    assert.equal(await delivery().deliver(), 0);
    const r = await row(id);
    assert.deepEqual([r.status, r.last_error, r.attempts], ['failed', 'twilio_21610', 1]);
  });

  test('an opted-out number gets nothing: failed with reason opted_out', async () => {
    await t.db.withPractice(practiceId, (tx) =>
      tx
        .insertInto('sms_opt_outs')
        .values({ number_digest: numbers.digest('+15550101004')!, opted_out: true })
        .execute(),
    );
    const id = await text('+15550101004', 'Reminder four');
    const creates = twilio.creates;
    assert.equal(await delivery().deliver(), 0);
    assert.equal(twilio.creates, creates);
    const r = await row(id);
    assert.deepEqual([r.status, r.last_error, r.body], ['failed', 'opted_out', '']);
  });

  test('a text whose code expired before it could go is never sent', async () => {
    const id = await text('+15550101005', 'Your Hearth code is 123456.', {
      expiresAt: new Date(Date.now() - 1000),
    });
    assert.equal(await delivery().deliver(), 0);
    assert.deepEqual([(await row(id)).status, (await row(id)).last_error], ['failed', 'expired']);
    assert.equal(twilio.messagesTo('+15550101005').length, 0);
  });
});

describe('exactly once, whatever the process dies of', () => {
  /** A sender whose process "dies" (never returns) on the text `doomed`, before or after Twilio. */
  function dying(doomed: string, when: 'before' | 'after'): SmsSender {
    const real = new TwilioSmsSender(twilio.options);
    return {
      findSent: (...args) => real.findSent(...args),
      async send(to, body, options) {
        if (body === doomed && when === 'before') return new Promise(() => {});
        const result = await real.send(to, body, options);
        if (body === doomed) return new Promise(() => {});
        return result;
      },
    };
  }

  for (const when of ['after', 'before'] as const) {
    test(`a worker killed mid-batch ${when} Twilio's 201 resends nothing and loses nothing`, async () => {
      const to = when === 'after' ? '+15550102001' : '+15550102002';
      const bodies = [1, 2, 3, 4, 5].map((i) => `Batch ${when} message ${i}`);
      const ids: string[] = [];
      for (const body of bodies) ids.push(await text(to, body));
      // The dying worker's pass never ends: message 3 is stuck mid-send, with its lease.
      void delivery(dying(bodies[2]!, when)).deliver();
      await waitFor(async () => (await row(ids[2]!)).sending_at !== null);
      await waitFor(async () => twilio.messagesTo(to).length === (when === 'after' ? 5 : 4));
      // Another worker, before the lease runs out, leaves the leased message alone.
      assert.equal(await delivery().deliver(), 0);
      assert.equal((await row(ids[2]!)).status, 'queued');
      await age(ids);
      const recovery = delivery();
      assert.equal(await recovery.deliver(), 1);
      const received = twilio.messagesTo(to).map((m) => m.body);
      assert.deepEqual(received.sort(), bodies);
      for (const id of ids) {
        const r = await row(id);
        assert.equal(r.status, 'sent');
        assert.ok(twilio.messages.some((m) => m.sid === r.provider_id));
      }
      assert.equal(await recovery.deliver(), 0);
    });
  }

  test('two texts alike: an interrupted one is not mistaken for one already recorded', async () => {
    const to = '+15550102003';
    const first = await text(to, 'Same words');
    assert.equal(await delivery().deliver(), 1);
    const second = await text(to, 'Same words');
    void delivery(dying('Same words', 'before')).deliver();
    await waitFor(async () => (await row(second)).sending_at !== null);
    await age([second]);
    assert.equal(await delivery().deliver(), 1);
    assert.equal(twilio.messagesTo(to).length, 2);
    assert.notEqual((await row(first)).provider_id, (await row(second)).provider_id);
  });

  test('when Twilio cannot say whether it has an interrupted text, the text waits', async () => {
    const to = '+15550102004';
    const id = await text(to, 'Unsure');
    void delivery(dying('Unsure', 'before')).deliver();
    await waitFor(async () => (await row(id)).sending_at !== null);
    await age([id]);
    twilio.failLists({ status: 404, code: 20404 });
    const creates = twilio.creates;
    assert.equal(await delivery().deliver(), 0);
    assert.equal(twilio.creates, creates);
    const waiting = await row(id);
    assert.equal(waiting.status, 'queued');
    assert.ok(waiting.sending_at, 'the attempt stays open, to be reconciled');
    twilio.recover();
    await age([id]);
    assert.equal(await delivery().deliver(), 1);
    assert.equal(twilio.messagesTo(to).length, 1);
  });

  test('a backlog larger than a batch drains in one pass', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 120; i += 1) {
      ids.push(await text(`+1555010${String(3000 + i)}`, `Backlog ${i}`));
    }
    assert.equal(await delivery().deliver(), 120);
    assert.equal(
      new Set(twilio.messages.map((m) => m.body).filter((b) => b.startsWith('Backlog '))).size,
      120,
    );
  });
});

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('timed out waiting');
}
