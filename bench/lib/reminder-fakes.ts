// Loopback stand-ins for the providers reminders go through: an SMTP server (STARTTLS, a
// self-signed localhost certificate given to the mailer as its CA) and a fake Twilio Messages
// API. Both only count what they receive.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { loadTlsMaterial } from '../../src/platform/tls/certificate.ts';
import { SmtpMailer } from '../../src/platform/mail/mailer.ts';
import { TwilioSmsSender } from '../../src/platform/sms/twilio.ts';

export interface Providers {
  mailer: SmtpMailer;
  sms: TwilioSmsSender;
  received(): { emails: number; texts: number };
  close(): Promise<void>;
}

export async function startProviders(dir: string): Promise<Providers> {
  let emails = 0;
  let texts = 0;
  const tls = await loadTlsMaterial({ dataDir: join(dir, 'smtp-tls') });
  const caFile = join(dir, 'smtp-ca.pem');
  writeFileSync(caFile, tls.cert);
  const smtp = new SMTPServer({
    key: tls.key,
    cert: tls.cert,
    authOptional: true,
    logger: false,
    // A reverse DNS lookup per connection would measure the resolver, not Hearth.
    disableReverseLookup: true,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        emails += 1;
        callback();
      });
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as { port: number }).port;
  let sid = 0;
  const twilio = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      texts += 1;
      sid += 1;
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ sid: `SM${String(sid).padStart(32, '0')}`, status: 'queued' }));
    });
  });
  await new Promise<void>((resolve) => twilio.listen(0, '127.0.0.1', resolve));
  const twilioPort = (twilio.address() as { port: number }).port;
  const mailer = new SmtpMailer({
    url: `smtp://localhost:${smtpPort}`,
    from: 'Hearth <hearth@localhost>',
    caFile,
  });
  const sms = new TwilioSmsSender({
    accountSid: `AC${'0'.repeat(32)}`,
    authToken: 'bench',
    from: '+15550001111',
    apiUrl: `http://127.0.0.1:${twilioPort}`,
  });
  return {
    mailer,
    sms,
    received: () => ({ emails, texts }),
    async close() {
      mailer.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => twilio.close(() => resolve()));
    },
  };
}
