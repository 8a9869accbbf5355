// A real mail server for the browser tests: Hearth delivers invitations and reset links over
// SMTP with STARTTLS (it refuses plain SMTP), and each message lands as a JSON file in a folder
// the journeys read (they run in another process).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { loadTlsMaterial } from '../src/platform/tls/certificate.ts';

export interface Mailbox {
  /** For the server's environment. */
  env: { HEARTH_SMTP_URL: string; HEARTH_SMTP_CA_FILE: string; HEARTH_MAIL_FROM: string };
  dir: string;
  close(): Promise<void>;
}

export async function startMailbox(base: string): Promise<Mailbox> {
  const dir = join(base, 'mail');
  mkdirSync(dir, { recursive: true });
  // A self-signed localhost certificate, given to Hearth as the mail server's CA.
  const tls = await loadTlsMaterial({ dataDir: join(base, 'smtp-tls') });
  const caFile = join(base, 'smtp-ca.pem');
  writeFileSync(caFile, tls.cert);
  let n = 0;
  const server = new SMTPServer({
    key: tls.key,
    cert: tls.cert,
    authOptional: true,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = Array.isArray(mail.to) ? mail.to[0]?.text : mail.to?.text;
          n += 1;
          const file = join(dir, `${String(n).padStart(4, '0')}.json`);
          writeFileSync(
            file,
            JSON.stringify({ to: to ?? '', subject: mail.subject ?? '', text: mail.text ?? '' }),
          );
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    env: {
      HEARTH_SMTP_URL: `smtp://localhost:${port}`,
      HEARTH_SMTP_CA_FILE: caFile,
      HEARTH_MAIL_FROM: 'Hearth <hearth@localhost>',
    },
    dir,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
