import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { webBuildState } from './build.ts';

test('the web build is missing, then fresh, then stale when a source changes after it', () => {
  const root = mkdtempSync(join(tmpdir(), 'hearth-web-build-'));
  try {
    mkdirSync(join(root, 'web', 'src', 'screens'), { recursive: true });
    const source = join(root, 'web', 'src', 'screens', 'Today.tsx');
    writeFileSync(source, 'export {}');
    const old = new Date(Date.now() - 60_000);
    utimesSync(source, old, old);
    utimesSync(join(root, 'web', 'src', 'screens'), old, old);
    utimesSync(join(root, 'web', 'src'), old, old);
    assert.equal(webBuildState(root), 'missing');

    mkdirSync(join(root, 'web', 'dist'));
    writeFileSync(join(root, 'web', 'dist', 'index.html'), '<!doctype html>');
    assert.equal(webBuildState(root), 'fresh');

    const later = new Date(Date.now() + 60_000);
    utimesSync(source, later, later);
    assert.equal(webBuildState(root), 'stale');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
