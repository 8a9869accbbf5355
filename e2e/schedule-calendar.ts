// Driving the calendar (FullCalendar) the way a person does: clicking a slot, dragging a
// session. Slots are found by the day's column header (data-date) and the time's row
// (data-time), as FullCalendar renders them.
import type { Locator, Page } from 'playwright-core';
import { Temporal } from 'temporal-polyfill';

/** The Sunday-started week after the current one, in `zone`: its dates by weekday name. */
export function nextWeek(zone: string) {
  const today = Temporal.Now.plainDateISO(zone);
  const sunday = today.subtract({ days: today.dayOfWeek % 7 }).add({ days: 7 });
  const day = (n: number) => sunday.add({ days: n }).toString();
  return {
    sunday: day(0),
    tuesday: day(2),
    wednesday: day(3),
    plus: (weeks: number, n: number) => sunday.add({ days: weeks * 7 + n }).toString(),
  };
}

/** A point in a slot: the column of `date`, `dy` pixels into the row of `time` (HH:MM). */
export async function slotPoint(page: Page, date: string, time: string, dy = 6) {
  const column = await page.locator(`[role="columnheader"][data-date="${date}"]`).boundingBox();
  const row = await page.locator(`.schedule [data-time="${time}:00"]`).last().boundingBox();
  if (!column || !row) throw new Error(`no slot for ${date} ${time} on screen`);
  return { x: column.x + column.width / 2, y: row.y + dy };
}

export async function clickSlot(page: Page, date: string, time: string) {
  const p = await slotPoint(page, date, time);
  await page.mouse.click(p.x, p.y);
}

/**
 * Drags a session to the column of `date`, near the row of `time`, then nudges it up or down
 * as a person watching the preview would, until the preview reads `startsAt` (its time text,
 * e.g. "11:00 –"); then drops it.
 */
export async function dragTo(
  page: Page,
  event: Locator,
  o: { date: string; time: string; startsAt: string },
) {
  const box = await event.boundingBox();
  if (!box) throw new Error('the session is not on screen');
  const grab = { x: box.x + box.width / 2, y: box.y + 6 };
  const target = await slotPoint(page, o.date, o.time, 6);
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  await page.mouse.move(grab.x + 5, grab.y + 5, { steps: 3 });
  await page.mouse.move(target.x, target.y, { steps: 12 });
  const preview = page.locator('.schedule .appt-time').filter({ hasText: o.startsAt });
  for (const dy of [0, -8, -16, -24, 8, 16, 24]) {
    await page.mouse.move(target.x, target.y + dy, { steps: 2 });
    await page.waitForTimeout(100);
    if ((await preview.count()) > 0) break;
  }
  await page.mouse.up();
}

/** The calendar's sessions of a client (events carry the client's name). */
export const sessions = (page: Page, name: string) =>
  page.locator('.schedule .appt').filter({ hasText: name });

/** Waits until a field shows `value` (a select fills in once its options have loaded). */
export async function waitForValue(field: Locator, value: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let seen = '';
  while (Date.now() < deadline) {
    seen = await field.inputValue();
    if (seen === value) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the field shows "${seen}", not "${value}"`);
}
