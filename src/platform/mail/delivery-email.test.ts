import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { testApp, type TestApp } from '../../testing/app.ts';
import { captureLogs } from '../../testing/logs.ts';
import { staffedPractice } from '../../testing/practice.ts';
import { loadTlsMaterial } from '../tls/certificate.ts';
import { enqueueMessage } from '../notify/outbox.ts';
import { OutboxDelivery } from './delivery.ts';
import { SmtpMailer, type Mailer } from './mailer.ts';

let t: TestApp;
let smtp: SMTPServer;
let port = 0;
let caFile = '';
let practiceId = '';
/** What the mail server accepted; `reject` answers the next RCPT with this SMTP code. */
const received: { to: string; messageId: string; text: string }[] = [];
let reject: { code: number; left: number } = { code: 0, left: 0 };

before(async () => {
  t = await testApp();
  practiceId = (await staffedPractice(t)).practiceId;
  const dir = mkdtempSync(join(tmpdir(), 'hearth-smtp-'));
  const tls = await loadTlsMaterial({ dataDir: dir });
  caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, tls.cert);
  smtp = new SMTPServer({
    key: tls.key,
    cert: tls.cert,
    authOptional: true,
    onRcptTo(_address, _session, callback) {
      if (reject.left > 0) {
        reject.left -= 1;
        const err = Object.assign(new Error('Mailbox unavailable'), {
          responseCode: reject.code,
        });
        return callback(err);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = Array.isArray(mail.to) ? mail.to[0]?.text : mail.to?.text;
          received.push({ to: to ?? '', messageId: mail.messageId ?? '', text: mail.text ?? '' });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  port = (smtp.server.address() as { port: number }).port;
});
after(async () => {
  await t.close();
  await new Promise<void>((r) => smtp.close(() => r()));
});

function mailer(): SmtpMailer {
  return new SmtpMailer({
    url: `smtp://localhost:${port}`,
    from: 'Hearth <hearth@example.org>',
    caFile,
  });
}

function delivery(m: Mailer = mailer()) {
  return new OutboxDelivery(t.db, { mailer: m }, captureLogs().logger);
}

function email(to: string, key?: string) {
  return t.db.withPractice(practiceId, (tx) =>
    enqueueMessage(tx, {
      channel: 'email',
      to,
      subject: 'Your appointment',
      body: `Hello ${to}`,
      ...(key ? { idempotencyKey: key, kind: 'reminder' as const } : {}),
    }),
  );
}

function row(id: string) {
  return t.db.withPractice(practiceId, (tx) =>
    tx
      .selectFrom('notification_outbox')
      .select(['status', 'provider_id', 'last_error', 'attempts', 'body'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
  );
}

test('sent: the Message-ID follows from the idempotency key and is recorded', async () => {
  const id = await email('one@example.test', 'reminder:11111111-1111-1111-1111-111111111111');
  const d = delivery();
  assert.equal(await d.deliver(), 1);
  await d.stop();
  const mail = received.find((m) => m.to === 'one@example.test')!;
  assert.match(mail.messageId, /^<[0-9a-f]{32}@example\.org>$/);
  const r = await row(id);
  assert.deepEqual([r.status, r.provider_id, r.body], ['sent', mail.messageId, '']);
});

test('a mail server refusing the address (550) fails it at once with the code', async () => {
  const id = await email('gone@example.test');
  reject = { code: 550, left: 1 };
  const d = delivery();
  assert.equal(await d.deliver(), 0);
  await d.stop();
  const r = await row(id);
  assert.deepEqual([r.status, r.last_error], ['failed', 'smtp_550']);
});

test('a temporary refusal (451) is retried, and the retry is sent', async () => {
  const id = await email('later@example.test');
  reject = { code: 451, left: 1 };
  const d = delivery();
  assert.equal(await d.deliver(), 0);
  assert.deepEqual([(await row(id)).status, (await row(id)).last_error], ['queued', 'smtp_451']);
  await t.db.withPractice(practiceId, (tx) =>
    sql`update notification_outbox set next_attempt_at = now() where id = ${id}`.execute(tx),
  );
  assert.equal(await d.deliver(), 1);
  await d.stop();
  assert.equal((await row(id)).status, 'sent');
});

test('killed after the server took the mail: the resend carries the same Message-ID', async () => {
  const id = await email('twice@example.test');
  const real = mailer();
  const dying: Mailer = {
    async send(mail) {
      await real.send(mail);
      return new Promise(() => {});
    },
    close: () => real.close(),
  };
  void delivery(dying).deliver();
  for (let i = 0; i < 300 && !received.some((m) => m.to === 'twice@example.test'); i += 1) {
    await new Promise((r) => setTimeout(r, 10));
  }
  await t.db.withPractice(practiceId, (tx) =>
    sql`update notification_outbox set claimed_at = claimed_at - interval '1 day' where id = ${id}`.execute(
      tx,
    ),
  );
  const d = delivery();
  assert.equal(await d.deliver(), 1);
  await d.stop();
  real.close();
  const copies = received.filter((m) => m.to === 'twice@example.test');
  assert.equal(copies.length, 2);
  assert.equal(copies[0]!.messageId, copies[1]!.messageId);
  assert.equal((await row(id)).provider_id, copies[0]!.messageId);
});
