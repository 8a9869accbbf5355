import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fiscalYearFromFileName, OrderFileError, parseOrderFile } from './order-file.ts';
import { orderFileText, releaseA } from './order-file-fixture.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const lines = () => orderFileText(releaseA()).split('\r\n').slice(0, -1);
/** The first fault parseOrderFile names in `text`. */
function fault(text: string | Uint8Array): string {
  try {
    parseOrderFile(typeof text === 'string' ? bytes(text) : text);
  } catch (err) {
    assert.ok(err instanceof OrderFileError);
    return err.message;
  }
  assert.fail('the file was accepted');
}
/** Release A with line `n` (1-based) replaced. */
const withLine = (n: number, line: string) =>
  lines()
    .map((l, i) => (i === n - 1 ? line : l))
    .join('\r\n');

describe('the official order file', () => {
  test('parses the fixed-width layout, CRLF or LF alike', () => {
    const entries = releaseA();
    const crlf = parseOrderFile(bytes(orderFileText(entries)));
    assert.deepEqual(crlf, entries);
    assert.deepEqual(parseOrderFile(bytes(lines().join('\n'))), entries);
    assert.deepEqual(crlf[2], {
      code: 'F4000',
      billable: true,
      shortDescription: 'Agoraphobia, unspecified',
      longDescription: 'Agoraphobia, unspecified',
    });
    assert.ok(crlf.some((e) => e.code === 'QA00101'));
  });

  test('the fiscal year comes from the CDC or CMS file name', () => {
    assert.equal(fiscalYearFromFileName('/x/icd10cm-order-2027.txt'), 2027);
    assert.equal(fiscalYearFromFileName('icd10cm_order_2026.txt'), 2026);
    assert.equal(fiscalYearFromFileName('icd10cm-order-April-2026.txt'), 2026);
    assert.equal(fiscalYearFromFileName('codes.txt'), null);
    assert.equal(fiscalYearFromFileName('order-20270.txt'), null);
  });

  test('every fault is named with its line, and the file is refused', () => {
    const l3 = lines()[2]!;
    const cases: [string, RegExp][] = [
      [withLine(3, l3.slice(0, 60)), /^line 3: is 60 characters long/],
      [
        withLine(3, `00009${l3.slice(5)}`),
        /^line 3: columns 1-5 should hold the order number 00003/,
      ],
      [
        withLine(3, `${l3.slice(0, 6)}f4.00  ${l3.slice(13)}`),
        /^line 3: columns 7-13 should hold a code/,
      ],
      [
        withLine(3, `${l3.slice(0, 14)}2${l3.slice(15)}`),
        /^line 3: column 15 must be 1 \(billable\) or 0/,
      ],
      [
        withLine(3, `${l3.slice(0, 16)}${' '.repeat(60)}${l3.slice(76)}`),
        /^line 3: the short title/,
      ],
      [withLine(3, `${l3.slice(0, 77)}   `), /^line 3: the long title/],
      [
        withLine(3, l3.replace(' Agoraphobia', '\tAgoraphobia')),
        /^line 3: contains a control character/,
      ],
      [withLine(3, `${l3.slice(0, 13)}\t${l3.slice(14)}`), /^line 3: contains a control character/],
      [withLine(4, `00004${lines()[2]!.slice(5)}`), /^line 4: code F4000 appears twice/],
      [lines().join('\r\n\r\n'), /^line 2: is 0 characters long/],
      ['', /^the file is empty$/],
    ];
    for (const [text, expected] of cases) assert.match(fault(text), expected);
    assert.match(fault(new Uint8Array([0x30, 0xff, 0xfe])), /not text/);
  });
});
