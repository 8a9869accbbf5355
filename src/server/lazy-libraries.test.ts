import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

const SERVE = pathToFileURL(join(import.meta.dirname, '..', 'cli', 'commands', 'serve.ts')).href;

/** Libraries for rare work, loaded when first needed (ADR 0021): megabytes of heap each. */
const RARE = [
  '@zxcvbn-ts/',
  '@cantoo/pdf-lib',
  '@aws-sdk/',
  '@simplewebauthn/server',
  'nodemailer',
];

test('what the server loads to start leaves the libraries of rare work out', () => {
  // A fresh process, so that nothing this test runner loaded counts: it records every module
  // that importing the serve command pulls in.
  const script = `
    import { registerHooks } from 'node:module';
    const seen = [];
    registerHooks({ resolve(s, c, next) { const r = next(s, c); seen.push(r.url); return r; } });
    await import(${JSON.stringify(SERVE)});
    console.log(JSON.stringify(seen));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  const loaded = JSON.parse(out) as string[];
  assert.ok(
    loaded.some((url) => url.includes('/node_modules/fastify/')),
    'the hook saw the app',
  );
  const rare = loaded.filter((url) => RARE.some((name) => url.includes(`/node_modules/${name}`)));
  assert.deepEqual(rare, []);
});
