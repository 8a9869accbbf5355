#!/usr/bin/env node
// Runs Hearth's TypeScript entry point on the Node 24 that `npm ci` installed, whatever `node`
// is first on PATH (the machine's own may be too old to strip types).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const major = Number(process.versions.node.split('.')[0]);
if (major >= 24) {
  await import(main);
} else {
  const require = createRequire(import.meta.url);
  const node = require.resolve('node/bin/node');
  const result = spawnSync(node, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exitCode = result.status ?? 1;
}
