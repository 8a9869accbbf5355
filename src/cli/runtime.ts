import { loadConfig, type Config } from '../server/config/load.ts';
import type { Database } from '../platform/db/database.ts';
import { openDatabase } from '../platform/db/open.ts';
import { createLogger, type Logger } from '../platform/logging.ts';
import { loadBundledCodeSets } from '../diagnoses/bundled-code-sets.ts';
import { recordCodeSetLoaded } from '../diagnoses/code-set-audit.ts';

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

/**
 * Applies pending migrations, then loads the ICD-10-CM code sets shipped with Hearth that the
 * database lacks (reference data, idempotent), reporting each on standard error.
 */
export async function migrateWithReport(runtime: Runtime): Promise<void> {
  const { applied, current } = await runtime.db.migrate((m) =>
    runtime.logger.info({ migration: m.version, name: m.name }, 'migration applied'),
  );
  if (applied.length > 0) {
    console.error(`hearth: applied ${applied.length} migration(s); schema at version ${current}`);
  }
  for (const load of await loadBundledCodeSets(runtime.db)) {
    if (load.outcome !== 'loaded') continue;
    await recordCodeSetLoaded(runtime.db, { fiscalYear: load.fiscalYear, source: 'bundled' });
    console.error(
      `hearth: loaded the ICD-10-CM FY${load.fiscalYear} code set shipped with Hearth (${load.codes} codes)`,
    );
  }
}
