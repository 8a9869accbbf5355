import { scrubDocuments } from '../../documents/service.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { progress } from '../progress.ts';
import { openRuntime } from '../runtime.ts';
import { openVaultServices } from '../services.ts';

export const scrubCommand: Command = {
  name: 'scrub',
  usage: 'scrub [--sample N]',
  summary: "Check every stored document's integrity (HMAC), and decrypt a sample.",
  help: `
Reads every document's encrypted bytes from the blob store and checks them against the HMAC
recorded when they were stored. That needs only the HMAC keys (the "integrity" key-encryption
key): a scrubber given only that can check documents without being able to read them. Where
this process may also unwrap data keys, one document in N (--sample, default 50; 0: none) is
decrypted end to end as well. Then it removes what no document uses: blobs of retired key
generations and blobs left by interrupted writes.

Every failure is recorded in the practice's audit trail and raised as a critical alert for its
privacy officer. Prints a report; exits 1 if any document failed, 0 otherwise. The worker runs
the same check on HEARTH_SCRUB_SCHEDULE.

Options:
  --sample N   decrypt one document in N (default 50; 0 turns decryption off)`,
  options: { sample: { type: 'string' } },
  async run(values) {
    const raw = (values.sample as string | undefined) ?? '50';
    if (!/^\d{1,6}$/.test(raw)) throw new UsageError('--sample must be a whole number');
    const runtime = await openRuntime();
    try {
      const services = await openVaultServices(runtime);
      const bar = progress('checking', 'documents');
      const report = await scrubDocuments(runtime.db, services.vault, {
        sampleEvery: Number(raw),
        onProgress: (done, total) => bar.update(done, total),
      });
      bar.stop();
      services.close();
      const gb = (report.bytes / 1e9).toFixed(2);
      console.log(
        `checked ${report.documents} documents (${gb} GB); ${report.failures.length} failed`,
      );
      console.log(
        report.decryptSkipped
          ? `decrypted none: ${report.decryptSkipped}`
          : `decrypted ${report.decrypted} end to end`,
      );
      console.log(
        `removed ${report.retiredRemoved} retired and ${report.orphansRemoved} orphaned blobs`,
      );
      for (const f of report.failures) {
        console.log(`FAILED practice ${f.practiceId} document ${f.documentId}: ${f.reason}`);
      }
      return report.failures.length > 0 ? 1 : 0;
    } finally {
      await runtime.db.close();
    }
  },
};
