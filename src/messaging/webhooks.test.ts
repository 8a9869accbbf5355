import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { captureLogs } from '../testing/logs.ts';
import { staffedPractice } from '../testing/practice.ts';
import { OutboxDelivery } from '../platform/mail/delivery.ts';
import { enqueueMessage } from '../platform/notify/outbox.ts';
import { NumberDigester } from '../platform/sms/phone.ts';
import type { SmsAnswer } from '../platform/sms/replies.ts';
import { FakeTwilio } from '../platform/sms/testing/fake-twilio.ts';
import { TwilioSmsSender } from '../platform/sms/twilio.ts';

const PUBLIC = 'https://localhost:80';
const INBOUND = '/api/v1/webhooks/twilio/sms';
const STATUS = '/api/v1/webhooks/twilio/status';
let t: TestApp;
let twilio: FakeTwilio;
let practiceId = '';
const numbers = new NumberDigester(randomBytes(32));
/** What the fake reply handler was asked, and whether it has an open reminder to answer. */
const asked: { digest: Buffer; answer: SmsAnswer }[] = [];
let open = true;

before(async () => {
  twilio = await FakeTwilio.start();
  t = await testApp({
    messaging: {
      twilioAuthToken: twilio.authToken,
      numbers,
      replies: async (input) => {
        asked.push(input);
        return open
          ? { text: input.answer === 'confirm' ? 'Confirmed <Tue 10:00> & thanks.' : 'Cancelled.' }
          : null;
      },
    },
  });
  practiceId = (await staffedPractice(t)).practiceId;
});
after(async () => {
  await t.close();
  await twilio.close();
});

function signed(path: string, params: Record<string, string>) {
  return t.app.inject({ method: 'POST', url: path, ...twilio.sign(`${PUBLIC}${path}`, params) });
}

function optOut(number: string) {
  return t.db.withPractice(practiceId, (tx) =>
    tx
      .selectFrom('sms_opt_outs')
      .select('opted_out')
      .where('number_digest', '=', numbers.digest(number)!)
      .executeTakeFirst(),
  );
}

function outbox(id: string) {
  return t.db.withPractice(practiceId, (tx) =>
    tx
      .selectFrom('notification_outbox')
      .select(['status', 'last_error', 'provider_id', 'body', 'recipient'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
  );
}

function delivery() {
  return new OutboxDelivery(
    t.db,
    { sms: new TwilioSmsSender(twilio.options) },
    captureLogs().logger,
    {
      numbers,
      statusCallbackUrl: `${PUBLIC}${STATUS}`,
    },
  );
}

function text(to: string, body: string) {
  return t.db.withPractice(practiceId, (tx) =>
    enqueueMessage(tx, { channel: 'sms', to, subject: 'x', body, kind: 'reminder' }),
  );
}

describe('the inbound webhook', () => {
  test('a bad, missing or misdirected signature: 403 and nothing changed', async () => {
    const from = '+15550201001';
    const params = twilio.inbound(from, 'STOP');
    const forged = twilio.sign(`${PUBLIC}${INBOUND}`, params);
    const cases = [
      { ...forged, headers: { ...forged.headers, 'x-twilio-signature': 'AAAA' } },
      { ...forged, headers: { 'content-type': forged.headers['content-type'] } },
      twilio.sign(`https://elsewhere.example${INBOUND}`, params),
      // Signed, then one field changed on the way.
      { ...forged, payload: forged.payload.replace('STOP', 'START') },
    ];
    for (const c of cases) {
      const response = await t.app.inject({ method: 'POST', url: INBOUND, ...c });
      assert.equal(response.statusCode, 403, response.body);
      assert.equal(response.json<{ error: { code: string } }>().error.code, 'bad_signature');
    }
    assert.equal(await optOut(from), undefined);
  });

  test('STOP opts the number out, and the outbox sends it nothing until START', async () => {
    const from = '+15550201002';
    const stop = await signed(INBOUND, twilio.inbound(from, ' stop '));
    assert.equal(stop.statusCode, 200, stop.body);
    assert.match(stop.headers['content-type'] as string, /^text\/xml/);
    assert.match(stop.body, /<Response\/>$/);
    assert.equal((await optOut(from))?.opted_out, true);
    const refused = await text(from, 'Reminder: Wed 9:00');
    assert.equal(await delivery().deliver(), 0);
    assert.deepEqual(
      [(await outbox(refused)).status, (await outbox(refused)).last_error],
      ['failed', 'opted_out'],
    );
    assert.equal(twilio.messagesTo(from).length, 0);

    await signed(INBOUND, twilio.inbound(from, 'Start'));
    assert.equal((await optOut(from))?.opted_out, false);
    const sent = await text(from, 'Reminder: Thu 9:00');
    assert.equal(await delivery().deliver(), 1);
    assert.equal((await outbox(sent)).status, 'sent');
    assert.equal(twilio.messagesTo(from).length, 1);
  });

  test('form bodies are accepted by the webhooks alone', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
      },
      payload: 'email=a%40b.test&password=x',
    });
    assert.equal(response.statusCode, 415);
  });

  test("CANCEL is the carriers' opt-out word, not an answer", async () => {
    const from = '+15550201003';
    const before = asked.length;
    await signed(INBOUND, twilio.inbound(from, 'CANCEL'));
    assert.equal((await optOut(from))?.opted_out, true);
    assert.equal(asked.length, before);
  });

  test('HELP is answered with the neutral help text', async () => {
    const response = await signed(INBOUND, twilio.inbound('+15550201004', 'help'));
    assert.match(
      response.body,
      /<Response><Message>Hearth appointment reminders: .*Reply STOP to opt out.*<\/Message><\/Response>$/,
    );
    assert.doesNotMatch(response.body, /therap|counsel|treatment/i);
  });

  test('C and X go to the reply handler with the number digest; its text is the answer', async () => {
    const from = '+15550201005';
    const confirm = await signed(INBOUND, twilio.inbound(from, ' c'));
    assert.equal(confirm.statusCode, 200);
    assert.equal(
      confirm.body,
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Confirmed &lt;Tue 10:00&gt; &amp; thanks.</Message></Response>',
    );
    const cancel = await signed(INBOUND, twilio.inbound(from, 'X '));
    assert.match(cancel.body, /<Message>Cancelled\.<\/Message>/);
    assert.deepEqual(
      asked.slice(-2).map((a) => [a.digest.equals(numbers.digest(from)!), a.answer]),
      [
        [true, 'confirm'],
        [true, 'cancel'],
      ],
    );
  });

  test('no open reminder, or words Hearth does not know: an empty answer, logged without content', async () => {
    open = false;
    const from = '+15550201006';
    const logsBefore = t.logs.text().length;
    const none = await signed(INBOUND, twilio.inbound(from, 'C'));
    const other = await signed(INBOUND, twilio.inbound(from, 'Running late, sorry Dr. Lee'));
    open = true;
    for (const r of [none, other]) {
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /<Response\/>$/);
    }
    const logged = t.logs.text().slice(logsBefore);
    assert.match(logged, /no_open_reminder/);
    assert.match(logged, /no_keyword/);
    assert.doesNotMatch(logged, /0201006|Running late|Dr\. Lee/);
  });
});

describe('the status webhook', () => {
  async function sentText(to: string) {
    const id = await text(to, 'Reminder: Fri 9:00');
    assert.equal(await delivery().deliver(), 1);
    const sid = (await outbox(id)).provider_id!;
    return { id, sid };
  }

  function report(
    sid: string,
    status: 'delivered' | 'failed' | 'undelivered' | 'sent',
    code?: number,
  ) {
    const { url, params } = twilio.statusCallback(sid, status, code);
    const path = url.slice(PUBLIC.length);
    return signed(path, params);
  }

  test("delivered, and failed with the provider's error code", async () => {
    const a = await sentText('+15550202001');
    assert.equal((await report(a.sid, 'sent')).statusCode, 200);
    assert.equal((await outbox(a.id)).status, 'sent');
    assert.equal((await report(a.sid, 'delivered')).statusCode, 200);
    assert.equal((await outbox(a.id)).status, 'delivered');

    const b = await sentText('+15550202002');
    await report(b.sid, 'undelivered', 30003);
    assert.deepEqual(
      [(await outbox(b.id)).status, (await outbox(b.id)).last_error],
      ['failed', 'twilio_30003'],
    );
  });

  test('a forged delivery report: 403 and the message unchanged', async () => {
    const a = await sentText('+15550202003');
    const { url, params } = twilio.statusCallback(a.sid, 'failed', 30003);
    const path = url.slice(PUBLIC.length);
    const forged = {
      ...twilio.sign(`${PUBLIC}${path}`, params),
      payload: new URLSearchParams({ ...params, ErrorCode: '30008' }).toString(),
    };
    const response = await t.app.inject({ method: 'POST', url: path, ...forged });
    assert.equal(response.statusCode, 403);
    assert.equal((await outbox(a.id)).status, 'sent');
  });

  test("a report that outruns the sender's own record completes it", async () => {
    const id = await text('+15550202004', 'Reminder: Sat 9:00');
    const sid = `SM${'ab'.repeat(16)}`;
    const params = {
      MessageSid: sid,
      MessageStatus: 'delivered',
      AccountSid: twilio.accountSid,
    };
    const response = await signed(`${STATUS}?m=${id}`, params);
    assert.equal(response.statusCode, 200);
    const r = await outbox(id);
    assert.deepEqual(
      [r.status, r.provider_id, r.body, r.recipient],
      ['delivered', sid, '', '••• 04'],
    );
    // The delivery never sends a message already reported delivered.
    const creates = twilio.creates;
    await delivery().deliver();
    assert.equal(twilio.creates, creates);
  });
});
