import { Jobs } from '../../platform/jobs/jobs.ts';
import { AuditSealer } from '../../platform/audit-trail/sealer.ts';
import { defineVaultJobs } from '../../documents/vault-maintenance/jobs.ts';
import { defineAuditJobs } from '../../platform/audit-trail/verify-job.ts';
import { readingWatchJob } from '../../platform/audit-trail/reading-watch.ts';
import { outboxHygieneJob } from '../../platform/notify/hygiene.ts';
import { loadNumberKey, NumberDigester } from '../../platform/sms/phone.ts';
import { defineReminderJobs, staffDigestJob } from '../../reminders/index.ts';
import type { Command } from '../command.ts';
import { migrateWithReport, openRuntime, type Runtime } from '../runtime.ts';
import { openVaultServices, type VaultServices } from '../services.ts';

/** Every background job Hearth has, started in this process as a worker. */
export async function startJobs(runtime: Runtime, services: VaultServices): Promise<Jobs> {
  const { config, db, logger } = runtime;
  const jobs = new Jobs(db, {
    databaseUrl: config.databaseUrl,
    databaseCaFile: config.databaseCaFile,
    logger,
  });
  defineVaultJobs(jobs, services, config, logger);
  defineAuditJobs(jobs, db, config.auditVerifySchedule, logger);
  jobs.define(readingWatchJob(db, logger));
  jobs.define(outboxHygieneJob(db, logger));
  jobs.define(staffDigestJob(db, { publicUrl: config.publicUrl }, logger));
  const digester = new NumberDigester(
    loadNumberKey({ numberKey: config.numberKey, dataDir: config.dataDir }),
  );
  defineReminderJobs(jobs, { db, digester, publicUrl: config.publicUrl }, logger);
  await jobs.start({ work: true });
  return jobs;
}

export const workerCommand: Command = {
  name: 'worker',
  usage: 'worker',
  summary:
    'Run background jobs (integrity scrub, audit verification, re-keying, reminders, clean-up) without serving HTTP.',
  help: `
Runs the job queue's workers until SIGINT/SIGTERM: the integrity scrub on HEARTH_SCRUB_SCHEDULE,
the audit trail's verification on HEARTH_AUDIT_VERIFY_SCHEDULE, every minute the
appointment reminders that fell due (into the outbox), the re-keying policy
(HEARTH_REKEY_INTERVAL_DAYS), the hourly clean-up of interrupted uploads and, every five
minutes, the watch for users reading far more records than they usually do; every ten
the outbox's hygiene (expired or week-old unsent messages lose their text and number); at
07:00 UTC, the staff digest emails of those who asked for them. Every "hearth serve" already runs them too; add workers when you run several servers
on PostgreSQL and want the heavy jobs elsewhere. Jobs are coordinated through the database:
each runs once, wherever it is picked up. Also seals the audit trail.`,
  async run() {
    const runtime = await openRuntime();
    try {
      await migrateWithReport(runtime);
      const services = await openVaultServices(runtime);
      const jobs = await startJobs(runtime, services);
      const sealer = new AuditSealer(runtime.db, runtime.logger);
      sealer.start();
      console.error('hearth: worker running; Ctrl-C stops it');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      await jobs.stop();
      await sealer.stop();
      services.close();
      return 0;
    } finally {
      await runtime.db.close();
    }
  },
};
