import type { Database } from '../db/database.ts';
import type { Jobs } from '../jobs/jobs.ts';
import type { Logger } from '../logging.ts';
import { raiseAlert } from '../alerting/alerts.ts';
import { audit } from './record.ts';
import { sealPractice } from './seal.ts';
import { allPracticeIds, countSealed, verifyAuditChains, type VerifyReport } from './verify.ts';

export const JOB_AUDIT_VERIFY = 'audit-verify';

export interface VerifyRun {
  report: VerifyReport;
  /** Sealed events to walk, known before the walk starts (for a progress bar). */
  total: number;
}

/**
 * One verification, as `hearth audit-verify` and the nightly job run it: seals what is still
 * waiting (so the walk covers everything committed), walks every chain, and records the
 * outcome — a critical alert for the practice whose chain is broken, or an `audit.verified`
 * event in each intact practice's own trail (so the next walk also checks the last one).
 */
export async function verifyAndRecord(
  db: Database,
  logger: Logger,
  options: {
    practiceIds?: string[];
    onStart?: (total: number) => void;
    onProgress?: (done: number) => void;
    job: 'audit-verify' | 'audit-verify-nightly';
  },
): Promise<VerifyRun> {
  const practiceIds = options.practiceIds ?? (await allPracticeIds(db));
  for (const id of practiceIds) await sealPractice(db, id);
  const total = await countSealed(db, practiceIds);
  options.onStart?.(total);
  const report = await verifyAuditChains(db, practiceIds, options.onProgress);
  if (report.broken) {
    const { broken } = report;
    await raiseAlert(db, logger, broken.practiceId, {
      kind: 'audit_chain_broken',
      severity: 'critical',
      message:
        'Verification found an audit record that no longer matches its seal: the audit trail may have been altered outside Hearth. Preserve the database as it is and investigate.',
      detail: { seq: broken.seq, eventId: broken.eventId, reason: broken.reason },
    });
    return { report, total };
  }
  for (const id of practiceIds) {
    await db.withPractice(id, (tx) =>
      audit(
        tx,
        { actor: { type: 'system', job: options.job } },
        { action: 'audit.verified', detail: { intact: true } },
      ),
    );
  }
  return { report, total };
}

/**
 * The nightly verification (HEARTH_AUDIT_VERIFY_SCHEDULE): an edit made to the trail outside
 * Hearth is found within a day, not when someone remembers to run the command.
 */
export function defineAuditJobs(jobs: Jobs, db: Database, schedule: string, logger: Logger): void {
  jobs.define({
    name: JOB_AUDIT_VERIFY,
    schedule: schedule === 'off' ? undefined : schedule,
    expireInSeconds: 6 * 3600,
    run: async () => {
      const { report } = await verifyAndRecord(db, logger, { job: 'audit-verify-nightly' });
      const summary = { practices: report.practices, events: report.events };
      if (report.broken) {
        logger.error(
          { ...summary, practiceId: report.broken.practiceId, seq: report.broken.seq },
          'audit trail verification found a broken link',
        );
      } else {
        logger.info(summary, 'audit trail verified intact');
      }
    },
  });
}
