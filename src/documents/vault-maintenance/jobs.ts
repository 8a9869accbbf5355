import type { Jobs } from '../../platform/jobs/jobs.ts';
import type { Logger } from '../../platform/logging.ts';
import type { Config } from '../../platform/settings.ts';
import { scrubDocuments } from '../service.ts';
import { FsBlobStore } from '../../platform/blobs/fs-store.ts';
import { rekey, rekeyDue, type RekeyServices } from './rekey.ts';

export const JOB_SCRUB = 'vault-scrub';
export const JOB_REKEY = 'vault-rekey';
export const JOB_REKEY_POLICY = 'vault-rekey-policy';
export const JOB_SWEEP_PARTIALS = 'blobs-sweep-partials';

/**
 * The vault's scheduled work: the integrity scrub (HEARTH_SCRUB_SCHEDULE), the re-keying policy
 * (checked daily: a run when any practice was last re-keyed HEARTH_REKEY_INTERVAL_DAYS ago, or a
 * run is unfinished), and the hourly removal of interrupted uploads' partial files.
 */
export function defineVaultJobs(
  jobs: Jobs,
  services: RekeyServices,
  config: Pick<Config, 'scrubSchedule' | 'rekeyIntervalDays'>,
  logger: Logger,
): void {
  jobs.define({
    name: JOB_SCRUB,
    schedule: config.scrubSchedule === 'off' ? undefined : config.scrubSchedule,
    expireInSeconds: 6 * 3600,
    run: async () => {
      const report = await scrubDocuments(services.db, services.vault);
      logger.info(
        {
          documents: report.documents,
          failures: report.failures.length,
          decrypted: report.decrypted,
          orphansRemoved: report.orphansRemoved,
          retiredRemoved: report.retiredRemoved,
        },
        'integrity scrub finished',
      );
    },
  });
  jobs.define({
    name: JOB_REKEY,
    // A whole re-encryption can take hours; a run that dies is resumed by the next one.
    expireInSeconds: 23 * 3600,
    retryLimit: 5,
    run: async () => {
      const report = await rekey(services, { reason: 'schedule' });
      logger.info(
        { runId: report.runId, practices: report.practices, documents: report.documents },
        're-keying finished',
      );
    },
  });
  jobs.define({
    name: JOB_REKEY_POLICY,
    schedule: config.rekeyIntervalDays > 0 ? '15 3 * * *' : undefined,
    run: async () => {
      if (await rekeyDue(services.db, config.rekeyIntervalDays)) await jobs.send(JOB_REKEY);
    },
  });
  jobs.define({
    name: JOB_SWEEP_PARTIALS,
    schedule: '7 * * * *',
    run: async () => {
      const blobs = services.vault.blobs;
      if (blobs instanceof FsBlobStore) await blobs.sweepPartials(60 * 60_000);
    },
  });
}
