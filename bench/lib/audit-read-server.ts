// Child process for `audit-overhead` over HTTPS: Fastify over TLS (the self-signed certificate
// Hearth makes) with Hearth's Database, audit() and AuditSealer, and two routes that read one
// practice row without and with its audit event. Deliberately not buildApp(), whose options are
// still changing; the full app's per-request hooks are measured by the `sign-in` benchmark.
// Run by bench/audit-overhead.ts through lib/child.ts; never in production.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { loadConfig } from '../../src/server/config/load.ts';
import { audit } from '../../src/platform/audit-trail/record.ts';
import { AuditSealer } from '../../src/platform/audit-trail/sealer.ts';
import type { Tx } from '../../src/platform/db/database.ts';
import { openDatabase } from '../../src/platform/db/open.ts';
import { createLogger } from '../../src/platform/logging.ts';
import { loadTlsMaterial } from '../../src/platform/tls/certificate.ts';
import { createBenchPractice } from './database.ts';

/** How often the sealer sweeps here (production: every second). */
const SEAL_INTERVAL_MS = 500;

const config = loadConfig();
const logger = createLogger(config.logLevel);
const db = await openDatabase(config);
try {
  await db.migrate();
  const practiceId = await createBenchPractice(db);
  const userId = randomUUID();
  const read = (tx: Tx) =>
    tx
      .selectFrom('practices')
      .select(['id', 'name', 'status'])
      .where('id', '=', practiceId)
      .executeTakeFirstOrThrow();

  const tls = await loadTlsMaterial({ dataDir: config.dataDir });
  const app = Fastify({
    https: { cert: tls.cert, key: tls.key },
    requestIdHeader: false,
    genReqId: () => randomUUID(),
  });
  app.get('/readyz', async (_request, reply) => {
    const { reachable, schemaCurrent } = await db.readiness();
    return reply.code(reachable && schemaCurrent ? 200 : 503).send({ reachable, schemaCurrent });
  });
  app.get('/bench/read', () => db.withPractice(practiceId, read));
  app.get('/bench/read-audited', (request) =>
    db.withPractice(practiceId, async (tx) => {
      const row = await read(tx);
      const actor = { type: 'user' as const, userId, role: 'admin' };
      await audit(
        tx,
        { actor, ip: request.ip, userAgent: request.headers['user-agent'], requestId: request.id },
        { action: 'client.read', subjectType: 'client', subjectId: practiceId },
      );
      return row;
    }),
  );
  await app.listen({ host: config.host, port: config.port });
  const sealer = new AuditSealer(db, logger, SEAL_INTERVAL_MS);
  sealer.start();
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await app.close();
  await sealer.stop();
} finally {
  await db.close();
}
