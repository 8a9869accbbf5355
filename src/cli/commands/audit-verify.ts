import { SingleBar, Presets } from 'cli-progress';
import { raiseAlert } from '../../platform/alerts/alerts.ts';
import { audit } from '../../platform/audit/record.ts';
import { sealPractice } from '../../platform/audit/seal.ts';
import {
  allPracticeIds,
  countSealed,
  verifyAuditChains,
  type BrokenLink,
} from '../../platform/audit/verify.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { openRuntime, type Runtime } from '../runtime.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function describeBreak(b: BrokenLink): string {
  const where = b.seq ? `seq ${b.seq} (event ${b.eventId})` : `event ${b.eventId}`;
  return `broken link in practice ${b.practiceId} at ${where}: ${b.reason.replaceAll('_', ' ')}; expected ${b.expected}, found ${b.found}`;
}

async function run(runtime: Runtime, practice: string | undefined): Promise<number> {
  const { db, logger } = runtime;
  const practiceIds = practice ? [practice] : await allPracticeIds(db);
  // Events committed a moment ago are sealed first, so the walk covers everything written.
  for (const id of practiceIds) await sealPractice(db, id);
  const total = await countSealed(db, practiceIds);
  const bar = new SingleBar(
    {
      format: 'verifying [{bar}] {percentage}% | {value}/{total} events | {eta_formatted} left',
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  const report = await verifyAuditChains(db, practiceIds, (done) => bar.update(done));
  bar.stop();

  if (report.broken) {
    const { broken } = report;
    await raiseAlert(db, logger, broken.practiceId, {
      kind: 'audit_chain_broken',
      severity: 'critical',
      message:
        'Verification found an audit record that no longer matches its seal: the audit trail may have been altered outside Hearth. Preserve the database as it is and investigate.',
      detail: { seq: broken.seq, eventId: broken.eventId, reason: broken.reason },
    });
    console.log(describeBreak(broken));
    return 1;
  }
  for (const id of practiceIds) {
    await db.withPractice(id, (tx) =>
      audit(
        tx,
        { actor: { type: 'system', job: 'audit-verify' } },
        { action: 'audit.verified', detail: { intact: true } },
      ),
    );
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
terminal.

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
