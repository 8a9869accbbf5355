// One HTTPS JSON request to the loopback bench server, with its status and Set-Cookie headers.
import { request } from 'node:https';

export interface JsonAnswer {
  status: number;
  cookies: string[];
  body: string;
}

export function sendJson(
  url: string,
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonAnswer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    // The server's certificate is self-signed; the URL is always a loopback address.
    const req = request(
      url,
      {
        method,
        rejectUnauthorized: false,
        agent: false,
        timeout: 30_000,
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            cookies: res.headers['set-cookie'] ?? [],
            body: text,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** "name=value" of the named cookie among Set-Cookie headers, or undefined. */
export function cookiePair(setCookies: readonly string[], name: string): string | undefined {
  return setCookies.map((c) => c.split(';')[0] ?? '').find((pair) => pair.startsWith(`${name}=`));
}
