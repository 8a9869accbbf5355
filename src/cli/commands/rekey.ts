import { rekey } from '../../documents/vault-maintenance/rekey.ts';
import type { Command } from '../command.ts';
import { progress } from '../progress.ts';
import { openRuntime } from '../runtime.ts';
import { openVaultServices } from '../services.ts';

export const rekeyCommand: Command = {
  name: 'rekey',
  usage: 'rekey [--each]',
  summary: 'Rotate the key-encryption keys and re-encrypt every document and field.',
  help: `
Makes a new version of both key-encryption keys (data and integrity), then, practice by
practice, moves every encrypted field onto a fresh field key, re-encrypts every document under
a fresh data key, HMAC key and nonces, destroys keys nothing uses any more, and re-wraps the
rest under the new key-encryption keys. Values in write-once records (safety plans, note
history) keep the key that sealed them; that key is re-wrapped, not destroyed.

Online: Hearth keeps serving while it runs. Resumable: if it stops (a crash, Ctrl-C), running
it again resumes the unfinished run where it stopped instead of starting a new one. Each
document is switched atomically; its old copy is removed by the next scrub after 10 minutes.
The worker runs it by itself every HEARTH_REKEY_INTERVAL_DAYS (default 90).

Options:
  --each   print a line for every document re-encrypted (instead of a progress bar)`,
  options: { each: { type: 'boolean' } },
  async run(values) {
    const runtime = await openRuntime();
    try {
      const services = await openVaultServices(runtime);
      const bar = progress('re-keying', 'practices');
      let documents = 0;
      const report = await rekey(services, {
        reason: 'command',
        onProgress: (p) => {
          if (values.each && p.documents > documents) {
            documents = p.documents;
            console.error(
              `re-encrypted document ${p.documents} (practice ${p.practice} of ${p.practices})`,
            );
            return;
          }
          bar.update(
            p.practice - 1,
            p.practices,
            `${p.documents} documents, ${(p.bytes / 1e6).toFixed(0)} MB, ${p.fields} fields`,
          );
        },
      });
      bar.stop();
      services.close();
      console.log(
        `${report.resumed ? 'resumed and finished' : 'finished'} run ${report.runId}: ${report.practices} practice(s), ${report.documents} documents (${(report.bytes / 1e6).toFixed(1)} MB) and ${report.fields} fields re-encrypted, ${report.keysDestroyed} old keys destroyed; key-encryption keys now data v${report.dataKekVersion}, integrity v${report.integrityKekVersion}`,
      );
      return 0;
    } finally {
      await runtime.db.close();
    }
  },
};
