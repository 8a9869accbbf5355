// A throwaway PostgreSQL database per benchmark, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { onCleanup } from './cleanup.ts';

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/;

export type ThrowawayDatabase =
  { url: string; drop(): Promise<void> } | { skipped: string; url?: undefined };

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates `hearth_bench_<random>` on the server of DATABASE_URL (default: local trust-auth
 * PostgreSQL), or says why it cannot. Only loopback servers are used.
 */
export async function createThrowawayDatabase(): Promise<ThrowawayDatabase> {
  const adminUrl = process.env.DATABASE_URL ?? DEFAULT_ADMIN_URL;
  let url: URL;
  try {
    url = new URL(adminUrl);
  } catch {
    return { skipped: 'DATABASE_URL is not a URL' };
  }
  const host = url.hostname || 'localhost';
  const where = `${host}:${url.port || '5432'}`;
  if (!LOOPBACK.test(host)) {
    return { skipped: `DATABASE_URL points at ${where}, not a loopback address` };
  }
  const name = `hearth_bench_${randomBytes(6).toString('hex')}`;
  try {
    await withAdmin(adminUrl, (c) => c.query(`create database ${name}`));
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0] || (err as { code?: string }).code;
    return { skipped: `PostgreSQL at ${where} not usable: ${reason ?? 'unknown error'}` };
  }
  const drop = async () => {
    forget();
    await withAdmin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
  };
  const forget = onCleanup(drop);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop };
}
