import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../testing/app.ts';
import { captureLogs } from '../../testing/logs.ts';
import { cookieOf } from '../../testing/http.ts';
import { OutboxDelivery } from '../../platform/mail/delivery.ts';
import { SmsError, TwilioSmsSender } from '../../platform/sms/twilio.ts';
import { NumberDigester } from '../../platform/sms/phone.ts';

const SID = `AC${'a1'.repeat(16)}`;
const TOKEN = 'twilio-auth-token-for-tests';
const PHONE = '+15557654321';
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };
const PASSWORD = 'cobalt river lantern thistle';

interface Received {
  path: string;
  auth: string;
  form: URLSearchParams;
}
const received: Received[] = [];
let twilio: Server;
let apiUrl = '';
let t: TestApp;
let practiceId = '';

/** A loopback server that speaks the part of Twilio's Messages API Hearth uses. */
function fakeTwilio(): Server {
  return createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      received.push({ path: req.url ?? '', auth: req.headers.authorization ?? '', form });
      const expectedAuth = `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`;
      res.setHeader('content-type', 'application/json');
      if (req.headers.authorization !== expectedAuth) {
        res
          .writeHead(401)
          .end(JSON.stringify({ code: 20003, message: 'Authenticate', status: 401 }));
      } else if (!/^\+[1-9]\d{6,14}$/.test(form.get('To') ?? '')) {
        res
          .writeHead(400)
          .end(
            JSON.stringify({ code: 21211, message: "The 'To' number is not valid.", status: 400 }),
          );
      } else {
        res
          .writeHead(201)
          .end(
            JSON.stringify({ sid: `SM${'0'.repeat(32)}`, status: 'queued', to: form.get('To') }),
          );
      }
    });
  });
}

function call(method: 'GET' | 'POST', url: string, cookie?: string, payload?: object) {
  return t.app.inject({
    method,
    url,
    headers: { ...SAME_ORIGIN, ...(cookie ? { cookie } : {}) },
    ...(payload ? { payload } : {}),
  });
}

async function deliverAndReadCode(): Promise<string> {
  const before = received.length;
  const delivery = new OutboxDelivery(
    t.db,
    {
      sms: new TwilioSmsSender({ accountSid: SID, authToken: TOKEN, from: '+15550000000', apiUrl }),
    },
    captureLogs().logger,
    { numbers: new NumberDigester(randomBytes(32)) },
  );
  assert.equal(await delivery.deliver(), 1);
  await delivery.stop();
  assert.equal(received.length, before + 1);
  const body = received.at(-1)!.form.get('Body') ?? '';
  return /\b(\d{6})\b/.exec(body)?.[1] ?? '';
}

before(async () => {
  twilio = fakeTwilio();
  await new Promise<void>((r) => twilio.listen(0, '127.0.0.1', r));
  apiUrl = `http://127.0.0.1:${(twilio.address() as { port: number }).port}`;
  t = await testApp();
});
after(async () => {
  await t.close();
  await new Promise<void>((r) => twilio.close(() => r()));
});

describe('Twilio adapter', () => {
  test('one authenticated form POST to the Messages resource', async () => {
    await new TwilioSmsSender({
      accountSid: SID,
      authToken: TOKEN,
      from: '+15550000000',
      apiUrl,
    }).send(PHONE, 'hello');
    const last = received.at(-1)!;
    assert.equal(last.path, `/2010-04-01/Accounts/${SID}/Messages.json`);
    assert.equal(last.form.get('To'), PHONE);
    assert.equal(last.form.get('From'), '+15550000000');
    assert.equal(last.form.get('Body'), 'hello');
  });

  test("Twilio's refusals become errors with Twilio's code", async () => {
    const sender = new TwilioSmsSender({
      accountSid: SID,
      authToken: 'wrong',
      from: '+15550000000',
      apiUrl,
    });
    await assert.rejects(
      sender.send(PHONE, 'x'),
      (err: Error) => err instanceof SmsError && err.code === 'twilio_20003',
    );
    const good = new TwilioSmsSender({
      accountSid: SID,
      authToken: TOKEN,
      from: '+15550000000',
      apiUrl,
    });
    await assert.rejects(
      good.send('12345', 'x'),
      (err: Error) => err instanceof SmsError && err.code === 'twilio_21211',
    );
  });
});

describe('SMS codes as a second factor', () => {
  let half = '';

  test('enrolment: a bad number is refused; a good one gets a code, which confirms it', async () => {
    const signup = await call('POST', '/api/v1/signup', undefined, {
      practiceName: 'Lakeside Physio',
      name: 'Pat Lake',
      email: 'pat@lakeside.test',
      password: PASSWORD,
      baa: { accepted: true, signature: 'Pat Lake' },
    });
    practiceId = signup.json<{ practice: { id: string } }>().practice.id;
    half = cookieOf(signup);
    assert.equal(
      (await call('POST', '/api/v1/mfa/sms', half, { phone: '555-1234' })).statusCode,
      400,
    );
    assert.equal((await call('POST', '/api/v1/mfa/sms', half, { phone: PHONE })).statusCode, 202);
    const code = await deliverAndReadCode();
    assert.equal(received.at(-1)?.form.get('To'), PHONE);
    assert.match(
      received.at(-1)?.form.get('Body') ?? '',
      /^Your Hearth code is \d{6}\. It expires in 5 minutes\. Never share it\.$/,
    );
    const wrong = await call('POST', '/api/v1/mfa/sms/confirm', half, {
      code: code === '000000' ? '111111' : '000000',
    });
    assert.equal(wrong.statusCode, 400);
    const right = await call('POST', '/api/v1/mfa/sms/confirm', half, { code });
    assert.equal(right.statusCode, 200, right.body);
    assert.equal(right.json<{ recoveryCodes: string[] }>().recoveryCodes.length, 10);
    const full = cookieOf(right);
    const me = await call('GET', '/api/v1/me', full);
    assert.deepEqual(me.json<{ mfa: unknown }>().mfa, { totp: false, sms: true, passkey: false });
    const stored = await t.db.withPractice(practiceId, (tx) =>
      tx.selectFrom('users').select(['sms_phone']).executeTakeFirstOrThrow(),
    );
    assert.match(stored.sms_phone ?? '', /^hf1\./);
    assert.ok(!stored.sms_phone?.includes('5557654321'));
    // The texts sent keep neither their codes nor the whole number.
    const texts = await t.db.withPractice(practiceId, (tx) =>
      tx
        .selectFrom('notification_outbox')
        .select(['recipient', 'body', 'sent_at'])
        .where('channel', '=', 'sms')
        .execute(),
    );
    assert.equal(texts.length, 1, JSON.stringify(texts));
    for (const text of texts) {
      assert.ok(text.sent_at);
      assert.deepEqual([text.recipient, text.body], ['••• 21', '']);
    }
  });

  test('sign-in: a code is texted on request, works once, and completes the session', async () => {
    const signIn = await call('POST', '/api/v1/session', undefined, {
      email: 'pat@lakeside.test',
      password: PASSWORD,
    });
    assert.equal(signIn.json<{ mfaRequired: boolean }>().mfaRequired, true);
    const pending = cookieOf(signIn);
    assert.equal((await call('POST', '/api/v1/session/mfa/sms', pending)).statusCode, 202);
    const code = await deliverAndReadCode();
    const ok = await call('POST', '/api/v1/session/mfa', pending, { code });
    assert.equal(ok.statusCode, 200, ok.body);
    const again = await call('POST', '/api/v1/session', undefined, {
      email: 'pat@lakeside.test',
      password: PASSWORD,
    });
    const replay = await call('POST', '/api/v1/session/mfa', cookieOf(again), { code });
    assert.equal(replay.statusCode, 401);
  });
});
