import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { localOf } from './time.ts';

describe('wall-clock times', () => {
  test('localOf gives what Temporal gives, across two years and every kind of offset', () => {
    // Whole-hour, half-hour and 45-minute offsets, both hemispheres' daylight saving, none.
    const zones = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Pacific/Chatham'];
    zones.push('Australia/Lord_Howe', 'America/St_Johns', 'UTC', 'Asia/Tokyo');
    let checked = 0;
    const step = 3_600_000 * 7 + 60_000 * 13;
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2028, 0, 1); ms += step) {
      const instant = Temporal.Instant.fromEpochMilliseconds(ms);
      for (const zone of zones) {
        const want = instant
          .toZonedDateTimeISO(zone)
          .toPlainDateTime()
          .toString({ smallestUnit: 'minute' });
        assert.equal(localOf(instant, zone), want, `${zone} at ${instant.toString()}`);
        checked += 1;
      }
    }
    assert.ok(checked > 10_000);
  });

  test('midnight is 00:00, never 24:00', () => {
    const midnight = Temporal.Instant.from('2026-11-02T05:00:00Z');
    assert.equal(localOf(midnight, 'America/New_York'), '2026-11-02T00:00');
  });
});
