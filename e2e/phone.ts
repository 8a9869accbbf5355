// A fake Twilio for the browser tests: a loopback HTTP server that speaks the part of Twilio's
// Messages API Hearth uses (src/platform/sms/twilio.ts: one form POST with HTTP Basic auth,
// 201 on success). Each accepted text lands as a JSON file { to, body } in a folder the
// journeys read (they run in another process), as e2e/mailbox.ts does for mail.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

export interface Phone {
  /** For the server's environment. */
  env: {
    HEARTH_TWILIO_ACCOUNT_SID: string;
    HEARTH_TWILIO_AUTH_TOKEN: string;
    HEARTH_TWILIO_FROM: string;
    HEARTH_TWILIO_API_URL: string;
  };
  dir: string;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{6,14}$/;

export async function startPhone(base: string): Promise<Phone> {
  const dir = join(base, 'sms');
  mkdirSync(dir, { recursive: true });
  const sid = `AC${randomBytes(16).toString('hex')}`;
  const token = randomBytes(16).toString('hex');
  const from = '+15550000100';
  const path = `/2010-04-01/Accounts/${sid}/Messages.json`;
  const expectedAuth = `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`;
  let n = 0;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      // Twilio's error shape: { code, message, more_info, status }.
      const answer = (status: number, body: object) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const refuse = (status: number, code: number, message: string) =>
        answer(status, {
          code,
          message,
          more_info: `https://www.twilio.com/docs/errors/${code}`,
          status,
        });
      if (req.headers.authorization !== expectedAuth) {
        return refuse(401, 20003, 'Authenticate');
      }
      if (req.method !== 'POST' || req.url !== path) {
        return refuse(404, 20404, 'The requested resource was not found');
      }
      if (!/^application\/x-www-form-urlencoded\b/.test(req.headers['content-type'] ?? '')) {
        return refuse(400, 21000, 'Expected a form-encoded body');
      }
      const form = new URLSearchParams(raw);
      const to = form.get('To') ?? '';
      const body = form.get('Body') ?? '';
      if (!E164.test(to)) return refuse(400, 21211, `The 'To' number ${to} is not valid.`);
      if (form.get('From') !== from) {
        return refuse(
          400,
          21606,
          "The 'From' phone number is not a valid number for this account.",
        );
      }
      if (!body) return refuse(400, 21602, 'Message body is required.');
      n += 1;
      const messageSid = `SM${randomBytes(16).toString('hex')}`;
      writeFileSync(join(dir, `${String(n).padStart(4, '0')}.json`), JSON.stringify({ to, body }));
      answer(201, {
        sid: messageSid,
        account_sid: sid,
        to,
        from,
        body,
        status: 'queued',
        num_segments: '1',
        direction: 'outbound-api',
        date_created: new Date().toUTCString(),
        uri: `/2010-04-01/Accounts/${sid}/Messages/${messageSid}.json`,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    env: {
      HEARTH_TWILIO_ACCOUNT_SID: sid,
      HEARTH_TWILIO_AUTH_TOKEN: token,
      HEARTH_TWILIO_FROM: from,
      HEARTH_TWILIO_API_URL: `http://127.0.0.1:${port}`,
    },
    dir,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
