import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { testApp, type TestApp } from '../testing/app.ts';
import { captureLogs } from '../testing/logs.ts';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.ts';
import { cookieOf } from '../testing/http.ts';
import { loadTlsMaterial } from '../platform/tls/certificate.ts';
import { OutboxDelivery } from '../platform/mail/delivery.ts';
import { SmtpMailer } from '../platform/mail/mailer.ts';

const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };
const NEW_PASSWORD = 'saffron tidepool wander lantern';
let t: TestApp;
let demoPracticeId = '';
const received: { to: string; subject: string; text: string }[] = [];
let smtp: SMTPServer;
let plainSmtp: SMTPServer;
let caFile: string;
let smtpPort: number;
let plainPort: number;

function call(method: 'GET' | 'POST', url: string, cookie?: string, payload?: object) {
  return t.app.inject({
    method,
    url,
    headers: { ...SAME_ORIGIN, ...(cookie ? { cookie } : {}) },
    ...(payload ? { payload } : {}),
  });
}

async function listen(server: SMTPServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.server.address() as { port: number }).port;
}

before(async () => {
  t = await testApp();
  demoPracticeId = (await seedDemo(t.db)).practiceId;
  const dir = mkdtempSync(join(tmpdir(), 'hearth-smtp-'));
  const tls = await loadTlsMaterial({ dataDir: dir });
  caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, tls.cert);
  // A real SMTP server on loopback that offers STARTTLS with a localhost certificate.
  smtp = new SMTPServer({
    key: tls.key,
    cert: tls.cert,
    authOptional: true,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = Array.isArray(mail.to) ? mail.to[0]?.text : mail.to?.text;
          received.push({ to: to ?? '', subject: mail.subject ?? '', text: mail.text ?? '' });
          callback();
        })
        .catch(callback);
    },
  });
  smtpPort = await listen(smtp);
  plainSmtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    onData: (s, _x, cb) => {
      s.resume();
      s.on('end', () => cb());
    },
  });
  plainPort = await listen(plainSmtp);
});
after(async () => {
  await t.close();
  await new Promise<void>((r) => smtp.close(() => r()));
  await new Promise<void>((r) => plainSmtp.close(() => r()));
});

function delivery(port: number) {
  return new OutboxDelivery(
    t.db,
    {
      mailer: new SmtpMailer({
        url: `smtp://localhost:${port}`,
        from: 'Hearth <hearth@example.org>',
        caFile,
      }),
    },
    captureLogs().logger,
  );
}

describe('password reset by email', () => {
  let link = '';

  test('known and unknown emails get the same answer; only the known one gets a message', async () => {
    const known = await call('POST', '/api/v1/password-reset', undefined, {
      email: 'Associate@hearth-demo.test',
    });
    const unknown = await call('POST', '/api/v1/password-reset', undefined, {
      email: 'nobody@hearth-demo.test',
    });
    assert.equal(known.statusCode, 202);
    assert.equal(unknown.statusCode, 202);
    assert.deepEqual(known.json(), unknown.json());
    const sender = delivery(smtpPort);
    assert.equal(await sender.deliver(), 1);
    await sender.stop();
    assert.equal(received.length, 1);
    assert.equal(received[0]?.to, 'associate@hearth-demo.test');
    assert.match(received[0]?.subject ?? '', /Reset your Hearth password/);
    link = /reset-password#(\S+)/.exec(received[0]?.text ?? '')?.[1] ?? '';
    assert.ok(link.length > 40);
    // Sent, the message keeps who and when, but not the link: a database copy cannot reset.
    const kept = await t.db.unscopedAcrossPractices(
      { job: 'test', reason: 'check what a sent message keeps' },
      (tx) =>
        tx
          .selectFrom('notification_outbox')
          .select(['recipient', 'body', 'sent_at'])
          .where('subject', 'like', '%Reset your Hearth password%')
          .execute(),
    );
    assert.equal(kept.length, 1);
    assert.equal(kept[0]!.recipient, 'associate@hearth-demo.test');
    assert.ok(kept[0]!.sent_at);
    assert.equal(kept[0]!.body, '');
  });

  test('a weak new password is refused and the link still works; then it resets, ends sessions, and works once', async () => {
    const before = await call('POST', '/api/v1/session', undefined, {
      email: 'associate@hearth-demo.test',
      password: DEMO_PASSWORD,
    });
    const oldSession = cookieOf(before);
    const token = decodeURIComponent(link);
    const weak = await call('POST', '/api/v1/password-reset/complete', undefined, {
      token,
      password: 'password',
    });
    assert.equal(weak.statusCode, 400);
    const ok = await call('POST', '/api/v1/password-reset/complete', undefined, {
      token,
      password: NEW_PASSWORD,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await call('GET', '/api/v1/me', oldSession)).statusCode, 401, 'sessions ended');
    const again = await call('POST', '/api/v1/password-reset/complete', undefined, {
      token,
      password: NEW_PASSWORD,
    });
    assert.equal(again.statusCode, 400);
    const signIn = await call('POST', '/api/v1/session', undefined, {
      email: 'associate@hearth-demo.test',
      password: NEW_PASSWORD,
    });
    assert.equal(signIn.statusCode, 200);
  });

  test('a mail server that does not offer STARTTLS gets nothing; the failure is recorded for retry', async () => {
    await call('POST', '/api/v1/password-reset', undefined, { email: 'biller@hearth-demo.test' });
    const before = received.length;
    const sender = delivery(plainPort);
    assert.equal(await sender.deliver(), 0);
    await sender.stop();
    assert.equal(received.length, before);
    const row = await t.db.unscopedAcrossPractices(
      { job: 'test', reason: 'check delivery' },
      (tx) =>
        tx
          .selectFrom('notification_outbox')
          .select(['sent_at', 'last_error', 'attempts'])
          .where('recipient', '=', 'biller@hearth-demo.test')
          .executeTakeFirstOrThrow(),
    );
    assert.equal(row.sent_at, null);
    assert.ok(row.last_error);
    assert.equal(row.attempts, 1);
  });
});

describe('changing my password', () => {
  test('needs the current password; other sessions end, this one continues', async () => {
    const signIn = () =>
      call('POST', '/api/v1/session', undefined, {
        email: 'supervisor@hearth-demo.test',
        password: DEMO_PASSWORD,
      });
    const other = cookieOf(await signIn());
    const mine = cookieOf(await signIn());
    const wrong = await call('POST', '/api/v1/me/password', mine, {
      currentPassword: 'not it at all, no',
      newPassword: NEW_PASSWORD,
    });
    assert.equal(wrong.statusCode, 400);
    const ok = await call('POST', '/api/v1/me/password', mine, {
      currentPassword: DEMO_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await call('GET', '/api/v1/me', other)).statusCode, 401);
    assert.equal((await call('GET', '/api/v1/me', mine)).statusCode, 200);
  });
});

describe('the outbox after delivery', () => {
  test('messages delivered before texts were erased on delivery lose them at start; waiting ones keep theirs', async () => {
    const sentAt = new Date();
    await t.db.withPractice(demoPracticeId, (tx) =>
      tx
        .insertInto('notification_outbox')
        .values([
          {
            channel: 'email',
            recipient: 'old@example.org',
            subject: 'Old reset',
            body: 'https://h/reset-password#old',
            sent_at: sentAt,
          },
          {
            channel: 'sms',
            recipient: '+15550001234',
            subject: 'Old code',
            body: 'Your Hearth code is 123456.',
            sent_at: sentAt,
          },
          {
            channel: 'sms',
            recipient: '+15550009876',
            subject: 'Waiting code',
            body: 'Your Hearth code is 654321.',
          },
          {
            channel: 'email',
            recipient: null,
            subject: 'Old alert',
            body: 'For the administrators',
            sent_at: sentAt,
          },
        ])
        .execute(),
    );
    const sender = delivery(smtpPort);
    assert.ok((await sender.eraseDelivered()) >= 2);
    await sender.stop();
    const rows = await t.db.withPractice(demoPracticeId, (tx) =>
      tx
        .selectFrom('notification_outbox')
        .select(['subject', 'recipient', 'body'])
        .where('subject', 'in', ['Old reset', 'Old code', 'Waiting code', 'Old alert'])
        .orderBy('subject')
        .execute(),
    );
    assert.deepEqual(
      rows.map((r) => [r.subject, r.recipient, r.body]),
      [
        ['Old alert', null, 'For the administrators'],
        ['Old code', '••• 34', ''],
        ['Old reset', 'old@example.org', ''],
        ['Waiting code', '+15550009876', 'Your Hearth code is 654321.'],
      ],
    );
  });
});
