/** Sends one SMS. Messages reach a sender only through the outbox (notify/outbox.ts). */
export interface SmsSender {
  send(to: string, body: string): Promise<void>;
}

export class SmsError extends Error {
  override name = 'SmsError';
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  from: string;
  /** Twilio's REST base; a loopback server speaking its protocol in tests. */
  apiUrl?: string;
}

/**
 * Twilio's Messages API is one authenticated form POST; a few lines beat the SDK and its
 * dependency tree. https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
 */
export class TwilioSmsSender implements SmsSender {
  #options: Required<TwilioOptions>;

  constructor(options: TwilioOptions) {
    this.#options = { apiUrl: 'https://api.twilio.com', ...options };
  }

  async send(to: string, body: string): Promise<void> {
    const { accountSid, authToken, from, apiUrl } = this.#options;
    const url = `${apiUrl}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ To: to, From: from, Body: body }),
      signal: AbortSignal.timeout(15_000),
    });
    if (response.status !== 201) {
      // Twilio's error body: { code, message, more_info, status }. Keep the code, not the text.
      const error = (await response.json().catch(() => ({}))) as { code?: number };
      throw new SmsError(
        `twilio_${error.code ?? response.status}`,
        `Twilio refused the message (HTTP ${response.status})`,
      );
    }
  }
}
