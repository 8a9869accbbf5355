import { buildApp, type AppOptions } from '../server/app.ts';
import type { Config } from '../platform/settings.ts';
import type { Database } from '../platform/db/database.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { captureLogs, type CapturedLogs } from './logs.ts';
import { testServices, type TestServices } from './services.ts';
import type { RateLimits } from '../platform/limits/rate-limits.ts';
import { testDatabase, type TestDatabase } from './database.ts';
import { NumberDigester } from '../platform/sms/phone.ts';

export interface TestApp {
  app: HearthApp;
  db: Database;
  /** The database behind the app, for tests that act on it directly (see superuser.ts). */
  database: TestDatabase;
  logs: CapturedLogs;
  /** The keyring, blob store and limits behind the app. */
  services: TestServices;
  close(): Promise<void>;
}

export const TEST_CONFIG: Pick<
  Config,
  | 'bodyLimitBytes'
  | 'tlsMode'
  | 'trustedProxies'
  | 'publicUrl'
  | 'sessionRateLimit'
  | 'practiceRateLimit'
> = {
  bodyLimitBytes: 1_048_576,
  tlsMode: 'auto',
  trustedProxies: [],
  // inject() sends `Host: localhost:80`: the tests' public address is the origin that implies,
  // as a browser on that page would see it (passkeys' relying party, the Origin header).
  publicUrl: 'https://localhost:80',
  // Tests send requests far faster than people: budgets that only the tests of the budgets
  // themselves (which set their own) can meet.
  sessionRateLimit: 1_000_000,
  practiceRateLimit: 1_000_000,
};

/** The tests' number key: fixed, so a test can compute the digest the app stores. */
export const TEST_NUMBERS = new NumberDigester(Buffer.alloc(32, 7));

export const TEST_SESSION_SECRET = 'test-session-secret-that-is-long-enough-0123456789';

/**
 * The real application on a fresh database, for `inject()`. `extend` may add routes before the
 * app is sealed (tests of platform behaviour use it for routes that write or throw).
 */
export async function testApp(
  options: {
    config?: Partial<typeof TEST_CONFIG>;
    extend?: (app: HearthApp, db: Database) => void | Promise<void>;
    /** Default: in-process limits, fresh per app. */
    limits?: RateLimits;
    /** Another app on the same database (two instances behind one load balancer). */
    database?: TestDatabase;
    /** Keyring and blob store of its own choosing (shared with a child process). */
    services?: TestServices;
    /** Twilio's webhooks (src/messaging): a fake Twilio's token, digests, a reply handler. */
    messaging?: AppOptions['messaging'];
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await testDatabase());
  const { db, close } = database;
  const logs = captureLogs();
  const services =
    options.services ?? testServices(options.limits ? { limits: options.limits } : {});
  const { limits } = services;
  const app = await buildApp({
    config: { ...TEST_CONFIG, ...options.config },
    db,
    logger: logs.logger,
    sessionSecret: TEST_SESSION_SECRET,
    fields: services.fields,
    limits,
    vault: services.vault,
    messaging: options.messaging,
    numbers: TEST_NUMBERS,
  });
  await options.extend?.(app, db);
  await app.ready();
  return {
    app,
    db,
    database,
    logs,
    services,
    async close() {
      await app.close();
      await limits.close();
      if (!options.database) await close();
    },
  };
}
