// A loopback Twilio for server tests and benchmarks: the part of the REST API Hearth uses
// (create a message, list messages to a number) and the requests Twilio makes back (status
// callbacks, inbound texts), signed as Twilio signs them. e2e/phone.ts is the browser tests'
// file-backed cousin; this one keeps everything in memory.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { twilioSignature } from '../signature.ts';

export interface FakeMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  /** The StatusCallback URL the message was created with, if any. */
  statusCallback: string | null;
  createdAt: Date;
  status: 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed';
}

/** A refusal to give the next create calls: an HTTP status and Twilio's error code. */
export interface Fault {
  status: number;
  code: number;
  message?: string;
}

export const TWILIO_ERRORS = {
  /** The recipient replied STOP to this sender (Twilio's own opt-out list). */
  unsubscribed: { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' },
  /** The handset is off or out of coverage. */
  unreachable: { status: 400, code: 30003, message: 'Unreachable destination handset' },
  /** Twilio itself failing: worth a retry. */
  internal: { status: 500, code: 20500, message: 'Internal Server Error' },
} satisfies Record<string, Fault>;

const E164 = /^\+[1-9]\d{6,14}$/;

export class FakeTwilio {
  readonly accountSid = `AC${randomBytes(16).toString('hex')}`;
  readonly authToken = randomBytes(16).toString('hex');
  readonly from = '+15550000100';
  /** Every message accepted, oldest first. */
  readonly messages: FakeMessage[] = [];
  /** How many create calls arrived, accepted or not. */
  creates = 0;
  /** How many list calls arrived. */
  lists = 0;
  #server: Server;
  #faults: Fault[] = [];
  #always: Fault | null = null;
  #listFault: Fault | null = null;
  apiUrl = '';

  private constructor() {
    this.#server = createServer((req, res) => this.#handle(req, res));
  }

  static async start(): Promise<FakeTwilio> {
    const fake = new FakeTwilio();
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    fake.apiUrl = `http://127.0.0.1:${(fake.#server.address() as { port: number }).port}`;
    return fake;
  }

  /** Options for TwilioSmsSender. */
  get options() {
    return {
      accountSid: this.accountSid,
      authToken: this.authToken,
      from: this.from,
      apiUrl: this.apiUrl,
    };
  }

  /** The next `times` creates fail with `fault`; `times` omitted: every create until `recover()`. */
  fail(fault: Fault, times?: number): void {
    if (times === undefined) this.#always = fault;
    else for (let i = 0; i < times; i += 1) this.#faults.push(fault);
  }

  /** Every list call fails with `fault` until `recover()`. */
  failLists(fault: Fault): void {
    this.#listFault = fault;
  }

  recover(): void {
    this.#always = null;
    this.#faults = [];
    this.#listFault = null;
  }

  messagesTo(to: string): FakeMessage[] {
    return this.messages.filter((m) => m.to === to);
  }

  /** Headers and payload of a request Twilio would sign for `url` (for `app.inject`). */
  sign(url: string, params: Record<string, string>) {
    return {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(this.authToken, url, Object.entries(params)),
      },
      payload: new URLSearchParams(params).toString(),
    };
  }

  /** POSTs a signed form to `url` over HTTP, as Twilio does. */
  async post(url: string, params: Record<string, string>): Promise<Response> {
    const { headers, payload } = this.sign(url, params);
    return fetch(url, { method: 'POST', headers, body: payload });
  }

  /** The status callback Twilio would send for message `sid` (to its StatusCallback URL). */
  statusCallback(
    sid: string,
    status: 'sent' | 'delivered' | 'undelivered' | 'failed',
    errorCode?: number,
  ): { url: string; params: Record<string, string> } {
    const message = this.messages.find((m) => m.sid === sid);
    if (!message?.statusCallback) throw new Error(`no status callback for ${sid}`);
    message.status = status;
    return {
      url: message.statusCallback,
      params: {
        AccountSid: this.accountSid,
        ApiVersion: '2010-04-01',
        From: message.from,
        MessageSid: sid,
        MessageStatus: status,
        SmsSid: sid,
        SmsStatus: status,
        To: message.to,
        ...(errorCode ? { ErrorCode: String(errorCode) } : {}),
      },
    };
  }

  /** The parameters of an inbound text from `from` to this account's number. */
  inbound(from: string, body: string): Record<string, string> {
    const sid = `SM${randomBytes(16).toString('hex')}`;
    return {
      AccountSid: this.accountSid,
      ApiVersion: '2010-04-01',
      Body: body,
      From: from,
      FromCountry: 'US',
      MessageSid: sid,
      NumMedia: '0',
      NumSegments: '1',
      SmsMessageSid: sid,
      SmsSid: sid,
      SmsStatus: 'received',
      To: this.from,
    };
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const answer = (status: number, body: object) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      // Twilio's error shape: { code, message, more_info, status }.
      const refuse = ({ status, code, message }: Fault) =>
        answer(status, {
          code,
          message: message ?? 'error',
          more_info: `https://www.twilio.com/docs/errors/${code}`,
          status,
        });
      const expectedAuth = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
      if (req.headers.authorization !== expectedAuth) {
        return refuse({ status: 401, code: 20003, message: 'Authenticate' });
      }
      const url = new URL(req.url ?? '/', this.apiUrl);
      if (url.pathname !== `/2010-04-01/Accounts/${this.accountSid}/Messages.json`) {
        return refuse({ status: 404, code: 20404, message: 'Not found' });
      }
      if (req.method === 'GET') {
        return this.#listFault ? refuse(this.#listFault) : answer(200, this.#list(url));
      }
      if (req.method !== 'POST') return refuse({ status: 405, code: 20004, message: 'Method' });
      this.creates += 1;
      const fault = this.#faults.shift() ?? this.#always;
      if (fault) return refuse(fault);
      const form = new URLSearchParams(raw);
      const to = form.get('To') ?? '';
      const body = form.get('Body') ?? '';
      if (!E164.test(to)) return refuse({ status: 400, code: 21211, message: 'Invalid To' });
      if (form.get('From') !== this.from) {
        return refuse({ status: 400, code: 21606, message: 'Invalid From' });
      }
      if (!body) return refuse({ status: 400, code: 21602, message: 'Message body is required.' });
      const message: FakeMessage = {
        sid: `SM${randomBytes(16).toString('hex')}`,
        to,
        from: this.from,
        body,
        statusCallback: form.get('StatusCallback'),
        createdAt: new Date(),
        status: 'queued',
      };
      this.messages.push(message);
      answer(201, this.#resource(message));
    });
  }

  /**
   * Newest first, as Twilio lists; filters To, DateSent, DateSent> and DateSent< (dates or
   * times). As on Twilio, a message still queued has no date sent, so a DateSent filter hides it.
   */
  #list(url: URL): object {
    this.lists += 1;
    const q = url.searchParams;
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const bound = (v: string | null) =>
      v ? new Date(v.length === 10 ? `${v}T00:00:00Z` : v) : null;
    const after = bound(q.get('DateSent>'));
    const before = bound(q.get('DateSent<'));
    const on = q.get('DateSent');
    const dated = Boolean(on || after || before);
    const matching = this.messages
      .filter((m) => {
        const sent = m.status === 'queued' ? null : m.createdAt;
        if (q.get('To') && m.to !== q.get('To')) return false;
        if (!dated) return true;
        return (
          sent !== null &&
          (!on || day(sent) === on) &&
          (!after || sent >= after) &&
          (!before || sent < before)
        );
      })
      .reverse();
    const size = Number(q.get('PageSize') ?? 50);
    const page = Number(q.get('Page') ?? 0);
    const items = matching.slice(page * size, (page + 1) * size);
    const next = new URLSearchParams(q);
    next.set('Page', String(page + 1));
    return {
      messages: items.map((m) => this.#resource(m)),
      page,
      page_size: size,
      next_page_uri:
        (page + 1) * size < matching.length ? `${url.pathname}?${next.toString()}` : null,
    };
  }

  #resource(m: FakeMessage) {
    return {
      sid: m.sid,
      account_sid: this.accountSid,
      to: m.to,
      from: m.from,
      body: m.body,
      status: m.status,
      num_segments: '1',
      direction: 'outbound-api',
      date_created: m.createdAt.toUTCString(),
      date_sent: m.status === 'queued' ? null : m.createdAt.toUTCString(),
      error_code: null,
      uri: `/2010-04-01/Accounts/${this.accountSid}/Messages/${m.sid}.json`,
    };
  }
}
