import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

// ESLint (eslint-plugin-boundaries) refuses imports that cross the layers; this test refuses
// what it cannot see: two features that import each other, directly or around a circle.
const SRC = resolve(import.meta.dirname, '..');
const NOT_FEATURES = new Set(['platform', 'server', 'testing', 'cli']);
const isTestCode = (path: string) =>
  /\.test\.ts$|\/fixture\.ts$|\/test-fixtures\.ts$|\/testing\//.test(path);

function featureOf(path: string): string | undefined {
  const [top, ...rest] = relative(SRC, path).split('/');
  return rest.length > 0 && top && !NOT_FEATURES.has(top) ? top : undefined;
}

function featureGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const entry of readdirSync(SRC, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    const from = featureOf(path);
    if (!entry.isFile() || !path.endsWith('.ts') || isTestCode(path) || !from) continue;
    for (const [, spec] of readFileSync(path, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const to = featureOf(resolve(dirname(path), spec!));
      if (to && to !== from) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const done = new Set<string>();
  const visit = (node: string, path: string[]): string[] | undefined => {
    if (path.includes(node)) return [...path.slice(path.indexOf(node)), node];
    if (done.has(node)) return undefined;
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next, [...path, node]);
      if (cycle) return cycle;
    }
    done.add(node);
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node, []);
    if (cycle) return cycle;
  }
  return undefined;
}

test('no two features import each other, directly or around a circle', () => {
  const graph = featureGraph();
  assert.ok(graph.get('clients')?.has('auth'), 'the graph is read (clients imports auth)');
  const cycle = findCycle(graph);
  assert.equal(cycle, undefined, `features import each other: ${cycle?.join(' → ')}`);
});

test('a circle between features is found', () => {
  const graph = new Map([
    ['a', new Set(['b'])],
    ['b', new Set(['c'])],
    ['c', new Set(['a'])],
  ]);
  assert.deepEqual(findCycle(graph), ['a', 'b', 'c', 'a']);
});
