import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { Journey } from '../harness.ts';
import { clickSlot, dragTo, nextWeek, sessions, waitForValue } from '../schedule-calendar.ts';
import { appointmentsOf, localOf, schedulingPractice } from '../schedule-scene.ts';

let j: Journey;
before(async () => {
  j = await Journey.start('schedule');
});
after(() => j.close());

test('a clinician books a weekly series by clicking a slot, moves one session by drag, cancels this and following; a booking into a taken slot is refused', async () => {
  // A zone with daylight saving, not the browser's (New York): the screens must use the
  // practice's, and a weekly session must keep its wall-clock time across the change.
  const scene = await schedulingPractice(j, 'schedule', { zone: 'Europe/Berlin' });
  const { zone, associate, clientId } = scene;
  const page = associate.page;
  const week = nextWeek(zone);
  const span = { from: `${week.sunday}T00:00:00Z`, to: `${week.plus(8, 0)}T00:00:00Z` };
  const api = () => appointmentsOf(associate.context, clientId, span.from, span.to);

  // A clinician starts on their own week, in the practice's time zone.
  await page.goto('/calendar');
  await page.getByRole('heading', { name: 'Calendar' }).waitFor();
  await waitForValue(page.getByRole('textbox', { name: 'Whose calendar' }), 'Alex Morgan');
  await page.getByText(`Times are in the practice’s time zone (${zone})`).waitFor();
  await j.check(page, 'week-empty');

  await page.getByRole('button', { name: 'Next week' }).click();
  await page.locator(`[role="columnheader"][data-date="${week.tuesday}"]`).waitFor();
  await clickSlot(page, week.tuesday, '10:00');
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  await dialog.waitFor();
  assert.equal(await dialog.getByLabel('Date').inputValue(), week.tuesday);
  assert.equal(await dialog.getByLabel('Start').inputValue(), '10:00');
  assert.equal(await dialog.getByLabel('End').inputValue(), '10:50');
  await dialog.getByRole('textbox', { name: 'Client' }).fill('Jor');
  await page.getByRole('option', { name: 'Jordan Ellis' }).click();
  await dialog.getByRole('textbox', { name: 'Repeat' }).click();
  await page.getByRole('option', { name: 'Every week on Tuesday' }).click();
  await dialog.getByLabel('Number of sessions').fill('6');
  await dialog.getByText('Telehealth', { exact: true }).click();
  await dialog.getByLabel('Meeting link').fill('https://meet.example.test/jordan');
  await dialog.getByLabel('Remark').fill('Prefers video; camera off at first');
  // No working hours are set: said before booking, not only after.
  await dialog.getByText('This is outside Alex Morgan’s working hours').waitFor();
  await j.check(page, 'booking-dialog');
  await dialog.getByRole('button', { name: 'Book 6 sessions' }).click();
  await dialog.waitFor({ state: 'hidden' });
  // No working hours are set: booked all the same, with a gentle warning.
  await page.getByText('6 sessions booked.').waitFor();
  await page.getByText(/6 of these sessions are outside the clinician’s working hours/).waitFor();
  await sessions(page, 'Jordan Ellis').first().waitFor();
  await j.check(page, 'week-booked');

  const booked = await api();
  assert.equal(booked.length, 6);
  assert.equal(new Set(booked.map((a) => a.seriesId)).size, 1);
  assert.deepEqual(
    booked.map((a) => localOf(a.start, zone)),
    [0, 1, 2, 3, 4, 5].map((w) => `${week.plus(w, 2)}T10:00`),
    'every Tuesday at 10:00 in the practice zone',
  );
  assert.equal(booked[0]!.remark, 'Prefers video; camera off at first');
  assert.equal(
    (booked[0] as { telehealthUrl?: string }).telehealthUrl,
    'https://meet.example.test/jordan',
  );

  // The month shows each occurrence that falls in it.
  await page.getByText('Month', { exact: true }).click();
  await page.locator('.fc-daygrid-day, [role="cell"][data-date]').first().waitFor();
  const days = await page
    .locator('[role="cell"][data-date]')
    .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-date')));
  const inMonth = booked.filter((a) => days.includes(localOf(a.start, zone).slice(0, 10)));
  assert.ok(inMonth.length >= 3);
  await page.waitForFunction(
    (n) => document.querySelectorAll('.schedule .appt').length === n,
    inMonth.length,
  );
  await j.check(page, 'month-series');

  // Drag the first session to Wednesday 11:00: only this session moves.
  await page.getByText('Week', { exact: true }).click();
  await page.locator(`[role="columnheader"][data-date="${week.tuesday}"]`).waitFor();
  const first = sessions(page, 'Jordan Ellis').first();
  await first.waitFor();
  await dragTo(page, first, { date: week.wednesday, time: '11:00', startsAt: '11:00 –' });
  const move = page.getByRole('dialog', { name: 'Move a session of a series' });
  await move.waitFor();
  await move.getByRole('radio', { name: 'This session' }).waitFor();
  assert.equal(await move.getByRole('radio', { name: 'This session' }).isChecked(), true);
  await j.check(page, 'move-dialog');
  await move.getByRole('button', { name: 'Move', exact: true }).click();
  await move.waitFor({ state: 'hidden' });
  await page.getByText('Moved.', { exact: false }).first().waitFor();
  const moved = await api();
  const one = moved.find((a) => a.id === booked[0]!.id)!;
  assert.equal(localOf(one.start, zone), `${week.wednesday}T11:00`);
  assert.equal(localOf(one.end, zone), `${week.wednesday}T11:50`);
  assert.equal(one.detached, true);
  for (const a of moved.filter((x) => x.id !== one.id))
    assert.match(localOf(a.start, zone), /T10:00$/, 'the other sessions stay');
  await j.check(page, 'week-moved');

  // Two weeks on, open the third session from the keyboard and cancel it and those after.
  await page.getByRole('button', { name: 'Next week' }).click();
  await page.getByRole('button', { name: 'Next week' }).click();
  await page.locator(`[role="columnheader"][data-date="${week.plus(2, 2)}"]`).waitFor();
  const third = sessions(page, 'Jordan Ellis').first();
  await third.waitFor();
  await third.focus();
  await page.keyboard.press('Enter');
  const details = page.getByRole('dialog', { name: 'Jordan Ellis' });
  await details.waitFor();
  await details.getByText('Every week on Tuesday, 6 sessions').waitFor();
  assert.equal(
    await details.getByRole('link', { name: 'Meeting link' }).getAttribute('href'),
    'https://meet.example.test/jordan',
  );
  await j.check(page, 'details');
  await details.getByRole('button', { name: 'Cancelled…' }).click();
  await details.getByRole('radio', { name: 'This and following sessions' }).check({ force: true });
  await j.check(page, 'cancel-following');
  await details.getByRole('button', { name: 'Cancel these sessions' }).click();
  await details.waitFor({ state: 'hidden' });
  await page.getByText('Cancelled — 4 sessions changed.').waitFor();
  await sessions(page, 'Jordan Ellis').filter({ hasText: 'Cancelled' }).waitFor();
  await j.check(page, 'week-cancelled');
  const after = await api();
  const byId = new Map(after.map((a) => [a.id, a]));
  assert.deepEqual(
    booked.map((a) => byId.get(a.id)?.status),
    ['scheduled', 'scheduled', 'cancelled', 'cancelled', 'cancelled', 'cancelled'],
  );

  // A second booking into the second session's slot, typed from the keyboard: the conflict is
  // shown while the form is filled, in words and in the practice's zone, and nothing is booked.
  await page.getByRole('button', { name: 'Previous week' }).click();
  await page.getByRole('button', { name: 'New appointment' }).click();
  await dialog.waitFor();
  await dialog.getByRole('textbox', { name: 'Client' }).fill('Ellis');
  await page.getByRole('option', { name: 'Jordan Ellis' }).click();
  await dialog.getByLabel('Date').fill(week.plus(1, 2));
  await dialog.getByLabel('Start').fill('10:15');
  const day = Temporal.PlainDate.from(week.plus(1, 2)).toLocaleString('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  });
  const taken = dialog.getByRole('alert').filter({ hasText: 'This time is taken' });
  await taken.getByText(`Alex Morgan already sees a client on ${day}, 10:00–10:50 AM.`).waitFor();
  await dialog.getByRole('button', { name: 'Book appointment' }).click();
  await j.check(page, 'conflict');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal((await api()).length, 6, 'nothing was booked');

  // Across the next daylight-saving change: a weekly 16:00 until a date (UNTIL) stays 16:00
  // on the calendar after the clocks change, while its UTC time moves by an hour.
  const change = Temporal.Now.zonedDateTimeISO(zone).getTimeZoneTransition('next')!;
  const changeDay = change.toPlainDate();
  const firstTuesday = changeDay.subtract({ days: ((changeDay.dayOfWeek + 5) % 7) + 7 });
  const last = firstTuesday.add({ days: 21 });
  await page.goto(`/calendar?view=week&date=${firstTuesday}`);
  await page.locator(`[role="columnheader"][data-date="${firstTuesday}"]`).waitFor();
  await page.getByRole('button', { name: 'New appointment' }).click();
  await dialog.getByRole('textbox', { name: 'Client' }).fill('Jordan');
  await page.getByRole('option', { name: 'Jordan Ellis' }).click();
  await dialog.getByLabel('Date').fill(firstTuesday.toString());
  await dialog.getByLabel('Start').fill('16:00');
  await dialog.getByRole('textbox', { name: 'Repeat' }).click();
  await page.getByRole('option', { name: 'Every week on Tuesday' }).click();
  await dialog.getByRole('radio', { name: 'On', exact: true }).check();
  await dialog.getByLabel('Date of the last session').fill(last.toString());
  await dialog.getByRole('button', { name: 'Book the series' }).click();
  await page.getByText('4 sessions booked.').waitFor();
  const beforeChange = await sessions(page, 'Jordan Ellis')
    .locator('.appt-time')
    .first()
    .textContent();
  await page.goto(`/calendar?view=week&date=${last}`);
  await page.locator(`[role="columnheader"][data-date="${last}"]`).waitFor();
  const afterChange = sessions(page, 'Jordan Ellis').locator('.appt-time').first();
  await afterChange.waitFor();
  assert.equal(await afterChange.textContent(), beforeChange);
  await j.check(page, 'after-dst');
  const dst = await appointmentsOf(
    associate.context,
    clientId,
    `${firstTuesday}T00:00:00Z`,
    `${last.add({ days: 1 })}T00:00:00Z`,
  );
  assert.deepEqual(
    dst.map((a) => localOf(a.start, zone)),
    [0, 7, 14, 21].map((d) => `${firstTuesday.add({ days: d })}T16:00`),
  );
  const utcHour = (iso: string) => new Date(iso).getUTCHours();
  assert.equal(
    Math.abs(utcHour(dst[0]!.start) - utcHour(dst[3]!.start)),
    1,
    'UTC moved, not 16:00',
  );

  // On a phone the calendar starts on one day.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/calendar?date=${firstTuesday}`);
  await page
    .getByText(
      firstTuesday.toLocaleString('en-US', {
        weekday: 'long',
        month: 'long',
        day: 'numeric',
        year: 'numeric',
      }),
    )
    .waitFor();
  await sessions(page, 'Jordan Ellis').first().waitFor();
  await j.check(page, 'phone-day');
});
