import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');
const FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=20'];

// The server's memory settings (ADR 0021) can only be given when Node.js starts: every way the
// README starts Hearth must carry them, or its memory doubles unnoticed.
test('every way to start Hearth gives Node.js the memory settings', () => {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  for (const name of ['start', 'dev', 'hearth']) {
    const words = scripts[name]!.split(/\s+/);
    assert.equal(words[0], 'node', name);
    assert.deepEqual(words.slice(1, 1 + FLAGS.length), FLAGS, `npm run ${name}`);
  }
  const bin = readFileSync(join(ROOT, 'bin', 'hearth.js'), 'utf8');
  assert.equal(bin.split('\n')[0], `#!/usr/bin/env -S node ${FLAGS.join(' ')}`);
  assert.ok(
    bin.includes(
      `const MEMORY_FLAGS = ${JSON.stringify(FLAGS).replaceAll('"', "'").replaceAll(',', ', ')};`,
    ),
  );
});
