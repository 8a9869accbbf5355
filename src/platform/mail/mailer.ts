import { readFileSync } from 'node:fs';
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { ConfigError } from '../settings.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /**
   * Names the message for its Message-ID (`<id@sender's domain>`): the same id on a resend
   * lets receivers recognise the second copy as the first.
   */
  id?: string;
}

/** Sends one email. Messages reach it only through the outbox (notify/outbox.ts). */
export interface Mailer {
  /** Resolves with the Message-ID once the mail server has accepted the message. */
  send(mail: Mail): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * SMTP through nodemailer. TLS is never optional: smtps:// is TLS from the first byte, and
 * smtp:// must upgrade with STARTTLS (requireTLS) or the message is not sent. Certificates are
 * verified, against HEARTH_SMTP_CA_FILE when given. nodemailer (5 MB of heap) is loaded with
 * the first message, not at start-up.
 */
export class SmtpMailer implements Mailer {
  #options: SMTPTransport.Options;
  #transport: Promise<Transporter> | undefined;
  #from: string;

  constructor(options: { url: string; from: string; caFile?: string | undefined }) {
    const url = new URL(options.url);
    let ca: string | undefined;
    if (options.caFile) {
      try {
        ca = readFileSync(options.caFile, 'utf8');
      } catch {
        throw new ConfigError(`cannot read HEARTH_SMTP_CA_FILE (${options.caFile})`);
      }
    }
    const secure = url.protocol === 'smtps:';
    this.#options = {
      host: url.hostname,
      port: Number(url.port) || (secure ? 465 : 587),
      secure,
      requireTLS: !secure,
      ...(url.username
        ? {
            auth: {
              user: decodeURIComponent(url.username),
              pass: decodeURIComponent(url.password),
            },
          }
        : {}),
      tls: {
        minVersion: 'TLSv1.2',
        rejectUnauthorized: true,
        ...(ca ? { ca } : {}),
        servername: url.hostname,
      },
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    };
    this.#from = options.from;
  }

  async send(mail: Mail): Promise<{ messageId: string }> {
    this.#transport ??= import('nodemailer').then((m) => m.default.createTransport(this.#options));
    const transport = await this.#transport;
    const info = (await transport.sendMail({
      from: this.#from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.id ? { messageId: `<${mail.id}@${senderDomain(this.#from)}>` } : {}),
    })) as { messageId: string };
    return { messageId: info.messageId };
  }

  close(): void {
    void this.#transport?.then((t) => t.close());
  }
}

/** The domain of a From address (`Hearth <noreply@example.org>` → `example.org`). */
function senderDomain(from: string): string {
  return /@([^\s<>@]+)>?\s*$/.exec(from)?.[1] ?? 'hearth.invalid';
}
