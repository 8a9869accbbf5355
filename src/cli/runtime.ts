import { loadConfig, type Config } from '../config.ts';
import type { Database } from '../platform/db/database.ts';
import { openDatabase } from '../platform/db/open.ts';
import { createLogger, type Logger } from '../platform/logging.ts';

export interface Runtime {
  config: Config;
  logger: Logger;
  db: Database;
}

/** Configuration, logger and database, as every command needs them. */
export async function openRuntime(): Promise<Runtime> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase({
    ...config,
    // Debug: the audit sealer crosses practices every second.
    onCrossPractice: (job) => logger.debug({ job: job.job }, 'cross-practice access'),
  });
  return { config, logger, db };
}

/** Applies pending migrations, reporting each on standard error for the operator. */
export async function migrateWithReport(runtime: Runtime): Promise<void> {
  const { applied, current } = await runtime.db.migrate((m) =>
    runtime.logger.info({ migration: m.version, name: m.name }, 'migration applied'),
  );
  if (applied.length > 0) {
    console.error(`hearth: applied ${applied.length} migration(s); schema at version ${current}`);
  }
}
