import type { Jobs } from '../platform/jobs/jobs.ts';
import type { Logger } from '../platform/logging.ts';
import { SEND_JOB, sendDueReminders, type SendServices } from './send.ts';

/** Every minute: the reminders that fell due become outbox messages (send.ts). */
export function defineReminderJobs(jobs: Jobs, services: SendServices, logger: Logger): void {
  jobs.define({
    name: SEND_JOB,
    schedule: '* * * * *',
    // A run is minutes at most; a stuck one gives way to the next minute's.
    expireInSeconds: 300,
    run: async () => {
      const report = await sendDueReminders(services);
      if (report.queued + report.skipped > 0) {
        logger.info({ queued: report.queued, skipped: report.skipped }, 'reminders sent');
      }
    },
  });
}
