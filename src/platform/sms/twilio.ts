/** Sends one SMS. Messages reach a sender only through the outbox (notify/outbox.ts). */
export interface SmsSender {
  /** Resolves with the provider's id for the message once the provider has accepted it. */
  send(to: string, body: string, options?: { statusCallback?: string }): Promise<{ id: string }>;
  /**
   * The ids of messages sent to `to` with this very `body` since `since`, newest first. How a
   * send interrupted between the provider's acceptance and our record of it is told apart from
   * one never made.
   */
  findSent(to: string, body: string, since: Date): Promise<string[]>;
}

export class SmsError extends Error {
  override name = 'SmsError';
  readonly code: string;
  /** The provider answered and refused: the message certainly was not created. */
  readonly definite: boolean;
  /** A refusal of this message itself (bad or unsubscribed number): retrying cannot help. */
  readonly permanent: boolean;
  constructor(
    code: string,
    message: string,
    options: { definite?: boolean; permanent?: boolean } = {},
  ) {
    super(message);
    this.code = code;
    this.definite = options.definite ?? false;
    this.permanent = options.permanent ?? false;
  }
}

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  from: string;
  /** Twilio's REST base; a loopback server speaking its protocol in tests. */
  apiUrl?: string;
}

interface ListedMessage {
  sid: string;
  body: string;
  direction: string;
  date_created: string;
}

/** Twilio's list API pages newest first; a reconciliation looks this far back at most. */
const MAX_PAGES = 10;

/**
 * Twilio's Messages API is one authenticated form POST; a few lines beat the SDK and its
 * dependency tree. https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
 */
export class TwilioSmsSender implements SmsSender {
  #options: Required<TwilioOptions>;

  constructor(options: TwilioOptions) {
    this.#options = { apiUrl: 'https://api.twilio.com', ...options };
  }

  get #auth(): string {
    const { accountSid, authToken } = this.#options;
    return `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  }

  get #messagesUrl(): string {
    const { accountSid, apiUrl } = this.#options;
    return `${apiUrl}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
  }

  async send(
    to: string,
    body: string,
    options: { statusCallback?: string } = {},
  ): Promise<{ id: string }> {
    const form = new URLSearchParams({ To: to, From: this.#options.from, Body: body });
    if (options.statusCallback) form.set('StatusCallback', options.statusCallback);
    const response = await fetch(this.#messagesUrl, {
      method: 'POST',
      headers: {
        authorization: this.#auth,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form,
      signal: AbortSignal.timeout(15_000),
    });
    if (response.status !== 201) throw await refusal(response);
    const created = (await response.json().catch(() => ({}))) as { sid?: unknown };
    // Accepted without an id would be a protocol break; record it as such, never as unsent.
    if (typeof created.sid !== 'string') {
      throw new SmsError('twilio_no_sid', 'Twilio accepted the message without an id');
    }
    return { id: created.sid };
  }

  /**
   * Lists the account's messages to `to`, newest first, back to `since`. By creation time, not
   * Twilio's DateSent filter: a message still queued has no date sent and would be missed.
   */
  async findSent(to: string, body: string, since: Date): Promise<string[]> {
    const found: string[] = [];
    let url: string | null =
      `${this.#messagesUrl}?${new URLSearchParams({ To: to, PageSize: '50' })}`;
    for (let page = 0; url && page < MAX_PAGES; page += 1) {
      const response = await fetch(url, {
        headers: { authorization: this.#auth },
        signal: AbortSignal.timeout(15_000),
      });
      if (response.status !== 200) throw await refusal(response);
      const list = (await response.json()) as {
        messages: ListedMessage[];
        next_page_uri: string | null;
      };
      for (const m of list.messages) {
        if (new Date(m.date_created) < since) return found;
        if (m.direction.startsWith('outbound') && m.body === body) found.push(m.sid);
      }
      url = list.next_page_uri ? `${this.#options.apiUrl}${list.next_page_uri}` : null;
    }
    return found;
  }
}

/** Twilio's error body: { code, message, more_info, status }. Keeps the code, never the text. */
async function refusal(response: Response): Promise<SmsError> {
  const error = (await response.json().catch(() => ({}))) as { code?: number };
  const status = response.status;
  // A 4xx is Twilio's considered answer: nothing was created. 400 refuses this message (a bad
  // or unsubscribed number); 401/403/404/429 are the account's or the moment's, worth retrying.
  return new SmsError(
    `twilio_${error.code ?? status}`,
    `Twilio refused the request (HTTP ${status})`,
    { definite: status >= 400 && status < 500, permanent: status === 400 },
  );
}
