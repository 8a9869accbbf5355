#!/usr/bin/env -S node --max-semi-space-size=4 --heap-growing-percent=20
// Runs Hearth's TypeScript entry point on the Node 24 that `npm ci` installed, whatever `node`
// is first on PATH (the machine's own may be too old to strip types), with the memory settings
// of `npm start` (ADR 0021): on the first line for this process, passed on to the pinned one.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const MEMORY_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=20'];
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const major = Number(process.versions.node.split('.')[0]);
if (major >= 24) {
  await import(main);
} else {
  const require = createRequire(import.meta.url);
  const node = require.resolve('node/bin/node');
  const result = spawnSync(node, [...MEMORY_FLAGS, main, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exitCode = result.status ?? 1;
}
