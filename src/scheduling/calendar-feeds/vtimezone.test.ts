import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Temporal } from '../time.ts';
import { vtimezone } from './vtimezone.ts';

const from = Temporal.Instant.from('2026-06-01T00:00:00Z');
const to = Temporal.Instant.from('2027-06-01T00:00:00Z');

describe('VTIMEZONE for the calendar feed', () => {
  test('a zone whose last change was from local mean time (offsets with seconds) still gets one', () => {
    for (const zone of ['Asia/Dubai', 'Africa/Monrovia', 'Asia/Kolkata']) {
      const text = vtimezone(zone, from, to);
      assert.match(text, new RegExp(`^BEGIN:VTIMEZONE\\r?\\nTZID:${zone.replace('/', '\\/')}`));
      assert.match(text, /TZOFFSETFROM:[+-]\d{4}(\d{2})?/);
      assert.match(text, /END:VTIMEZONE$/);
    }
    assert.match(vtimezone('Asia/Dubai', from, to), /TZOFFSETTO:\+0400/);
  });

  test('New York lists the year’s two changes with their offsets', () => {
    const text = vtimezone('America/New_York', from, to);
    assert.match(
      text,
      /BEGIN:STANDARD\r?\nDTSTART:20261101T020000\r?\nTZOFFSETFROM:-0400\r?\nTZOFFSETTO:-0500/,
    );
    assert.match(
      text,
      /BEGIN:DAYLIGHT\r?\nDTSTART:20270314T020000\r?\nTZOFFSETFROM:-0500\r?\nTZOFFSETTO:-0400/,
    );
  });
});
