import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES } from './roles.ts';

const DOC = new URL('../../docs/permissions.md', import.meta.url);

interface DocTable {
  roles: string[];
  rows: { permission: string; cells: string[] }[];
}

const cellsOf = (line: string) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());

/** The Markdown table whose header starts with "Permission": role columns, permission rows. */
function parseMatrix(markdown: string): DocTable {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => /^\|\s*Permission\s*\|/.test(line));
  assert.notEqual(start, -1, 'docs/permissions.md has a table whose first column is "Permission"');
  const roles = cellsOf(lines[start]!).slice(1);
  assert.match(lines[start + 1] ?? '', /^\|[\s:|-]+\|$/, 'the header is followed by a separator');
  const rows: DocTable['rows'] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.trim().startsWith('|')) break;
    const [first = '', ...cells] = cellsOf(line);
    rows.push({ permission: first.replace(/`/g, ''), cells });
  }
  return { roles, rows };
}

describe('docs/permissions.md matches the code', () => {
  const table = parseMatrix(readFileSync(DOC, 'utf8'));

  test('its columns are the roles, in the order of ROLES', () => {
    assert.deepEqual(table.roles, [...ROLES]);
  });

  test('its rows are the permissions, in the order of PERMISSIONS', () => {
    assert.deepEqual(
      table.rows.map((r) => r.permission),
      [...PERMISSIONS],
    );
  });

  test('every cell is ✓ exactly when the role has the permission', () => {
    for (const row of table.rows) {
      assert.equal(row.cells.length, ROLES.length, `${row.permission}: one cell per role`);
      for (const cell of row.cells) {
        assert.ok(cell === '✓' || cell === '', `${row.permission}: cell "${cell}" is ✓ or empty`);
      }
    }
    // The whole matrix at once, so a failure shows every difference.
    const fromDoc = Object.fromEntries(
      ROLES.map((role, i) => [
        role,
        table.rows
          .filter((row) => row.cells[i] === '✓')
          .map((row) => row.permission)
          .sort(),
      ]),
    );
    const fromCode = Object.fromEntries(
      ROLES.map((role) => [role, [...ROLE_PERMISSIONS[role]].sort()]),
    );
    assert.deepEqual(fromDoc, fromCode);
  });
});
