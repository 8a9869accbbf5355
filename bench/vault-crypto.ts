// Document encryption (src/platform/crypto/document), in process, no database: a 128 MiB and
// a 1 GiB document streamed through encrypt, decrypt and HMAC-only verify, with the peak RSS of
// each (flat in the size); node:crypto's own limits on this machine, measured in the same run,
// and each stream's ratio to its limit; the candidate segment sizes compared (ADR 0009). The
// measuring runs in a child process (lib/vault-crypto-child.ts) so that its memory is its own.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from './lib/cleanup.ts';
import type { Benchmark, Row } from './lib/types.ts';

const CHILD = join(import.meta.dirname, 'lib', 'vault-crypto-child.ts');

/** A RAM-backed directory where there is one, so the stored object's reads are not disk-bound. */
async function scratchDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = await mkdtemp(join(base, 'hearth-bench-vault-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  const forget = onCleanup(remove);
  return { dir, remove: () => (forget(), remove()) };
}

async function measure(dir: string): Promise<Row[]> {
  const child = spawn(process.execPath, ['--expose-gc', CHILD, dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const forget = onCleanup(() => void child.kill('SIGKILL'));
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
  const [code] = (await once(child, 'exit')) as [number | null];
  forget();
  if (code !== 0) throw new Error(`the measuring child exited with ${code}`);
  return JSON.parse(output) as Row[];
}

export const vaultCrypto: Benchmark = {
  name: 'vault-crypto',
  run: async () => {
    const scratch = await scratchDir();
    try {
      return await measure(scratch.dir);
    } finally {
      await scratch.remove();
    }
  },
};
