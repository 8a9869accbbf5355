import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * Where a plain-HTTP request goes on HTTPS: the same path at the public address. Never the
 * Host header's host, which whoever sends the request chooses; never a protocol-relative path.
 */
export function redirectTarget(url: string | undefined, publicUrl: string): string {
  const path = url?.startsWith('/') && !url.startsWith('//') ? url : '/';
  return publicUrl + path;
}

/** The plain-HTTP port: it redirects every request to HTTPS and serves nothing else. */
export function createRedirectServer(publicUrl: string): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const target = redirectTarget(req.url, publicUrl);
    // 301 lets browsers remember the move for GET; 308 keeps the method for anything else.
    const status = req.method === 'GET' || req.method === 'HEAD' ? 301 : 308;
    res.writeHead(status, { location: target, 'content-length': '0', 'cache-control': 'no-store' });
    res.end();
  });
}
