import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '..');

test('the licence the package names is the one shipped in LICENSE', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { license: string };
  assert.equal(pkg.license, 'AGPL-3.0-only');
  const text = readFileSync(join(root, 'LICENSE'), 'utf8');
  assert.match(text, /^GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3, 19 November 2007\n/);
  // Section 13 is what makes it the Affero licence: source offered to network users.
  assert.match(text, /13\. Remote Network Interaction; Use with the GNU General Public License\./);
  assert.match(text, /END OF TERMS AND CONDITIONS/);
});
