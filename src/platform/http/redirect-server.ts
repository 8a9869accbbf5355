import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

const HOSTNAME =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const IPV6_LITERAL = /^\[[0-9a-f:.]+\]$/i;

/** Where a plain-HTTP request should go on HTTPS, or undefined for a Host we cannot trust. */
export function redirectTarget(
  host: string | undefined,
  url: string | undefined,
  httpsPort: number,
  publicUrl?: string,
): string | undefined {
  const path = url?.startsWith('/') && !url.startsWith('//') ? url : '/';
  if (publicUrl) return publicUrl + path;
  if (!host) return undefined;
  const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  if (!hostname || !(HOSTNAME.test(hostname) || IPV6_LITERAL.test(hostname))) return undefined;
  const port = httpsPort === 443 ? '' : `:${httpsPort}`;
  return `https://${hostname}${port}${path}`;
}

/** The plain-HTTP port: it redirects every request to HTTPS and serves nothing else. */
export function createRedirectServer(httpsPort: number, publicUrl?: string): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const target = redirectTarget(req.headers.host, req.url, httpsPort, publicUrl);
    if (!target) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end('Use HTTPS.\n');
      return;
    }
    // 301 lets browsers remember the move for GET; 308 keeps the method for anything else.
    const status = req.method === 'GET' || req.method === 'HEAD' ? 301 : 308;
    res.writeHead(status, { location: target, 'content-length': '0', 'cache-control': 'no-store' });
    res.end();
  });
}
