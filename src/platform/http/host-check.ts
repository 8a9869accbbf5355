import { isIP } from 'node:net';
import { AppError } from '../errors.ts';
import type { HearthApp } from './types.ts';

/** localhost, 127.0.0.0/8 or ::1 (bracketed or not): a name only this machine answers to. */
export function isLoopbackHost(hostname: string): boolean {
  const bare = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return bare === 'localhost' || bare === '::1' || (isIP(bare) === 4 && bare.startsWith('127.'));
}

/** The host name of a Host header, without its port: `[::1]:8443` → `[::1]`. */
export function hostnameOf(host: string): string {
  const end = host.startsWith('[') ? host.indexOf(']') + 1 : host.lastIndexOf(':');
  return (end > 0 ? host.slice(0, end) : host).toLowerCase();
}

// A load balancer checks each instance by its own address; these answer without doing any work.
const HEALTH_CHECKS = new Set(['/healthz', '/readyz']);

/**
 * A request must name Hearth's public host (or loopback, for the machine itself). Anything
 * else — a DNS name an attacker pointed at this server, a Host header set by hand — is refused
 * with 421 before any other work, so nothing Hearth answers or sends can be built from it.
 * Behind a trusted proxy, Fastify reads the host from X-Forwarded-Host.
 */
export function registerHostCheck(app: HearthApp, publicUrl: string): void {
  const publicHost = new URL(publicUrl).hostname.toLowerCase();
  app.addHook('onRequest', async (request) => {
    const hostname = hostnameOf(request.host ?? '');
    if (hostname === publicHost || isLoopbackHost(hostname)) return;
    if (HEALTH_CHECKS.has(request.url)) return;
    throw new AppError('misdirected_request', {
      status: 421,
      message: `This Hearth server answers at ${publicUrl}; use that address.`,
    });
  });
}
