import { SingleBar, Presets } from 'cli-progress';
import { verifyAndRecord } from '../../platform/audit-trail/verify-job.ts';
import type { BrokenLink } from '../../platform/audit-trail/verify.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { openRuntime, type Runtime } from '../runtime.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function describeBreak(b: BrokenLink): string {
  const where = b.seq ? `seq ${b.seq} (event ${b.eventId})` : `event ${b.eventId}`;
  return `broken link in practice ${b.practiceId} at ${where}: ${b.reason.replaceAll('_', ' ')}; expected ${b.expected}, found ${b.found}`;
}

async function run(runtime: Runtime, practice: string | undefined): Promise<number> {
  const bar = new SingleBar(
    {
      format: 'verifying [{bar}] {percentage}% | {value}/{total} events | {eta_formatted} left',
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  const { report } = await verifyAndRecord(runtime.db, runtime.logger, {
    job: 'audit-verify',
    ...(practice ? { practiceIds: [practice] } : {}),
    onStart: (total) => bar.start(total, 0),
    onProgress: (done) => bar.update(done),
  });
  bar.stop();
  if (report.broken) {
    console.log(describeBreak(report.broken));
    return 1;
  }
  console.log(`intact, ${report.events} events in ${report.practices} practice(s)`);
  return 0;
}

export const auditVerifyCommand: Command = {
  name: 'audit-verify',
  usage: 'audit-verify [--practice ID]',
  summary: "Walk the audit trail's hash chains and report the first broken link.",
  help: `
Seals any events still waiting for their seal, then recomputes every seal of every practice
(or only --practice ID) from the events as stored now. Prints "intact, N events" and exits 0,
or names the first broken link (practice, position, event, expected and found hash), raises a
critical alert for that practice's privacy officer, and exits 1. Shows a progress bar on a
terminal. The worker runs the same verification on HEARTH_AUDIT_VERIFY_SCHEDULE (nightly).

Options:
  --practice ID   verify one practice only`,
  options: { practice: { type: 'string' } },
  async run(values) {
    const practice = values.practice as string | undefined;
    if (practice !== undefined && !UUID.test(practice)) {
      throw new UsageError('--practice must be a practice id (a UUID)');
    }
    const runtime = await openRuntime();
    try {
      return await run(runtime, practice);
    } finally {
      await runtime.db.close();
    }
  },
};
