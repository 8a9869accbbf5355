import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { call } from '../api.ts';
import { Journey } from '../harness.ts';
import { nextWeek, sessions, waitForValue } from '../schedule-calendar.ts';
import { appointmentsOf, localOf, schedulingPractice } from '../schedule-scene.ts';

let j: Journey;
before(async () => {
  j = await Journey.start('schedule-desk');
});
after(() => j.close());

test('admin keeps locations; the front desk sets a clinician’s hours, books for them and checks the client in on Today; a biller sees the calendar but no remark; the clinician books and reschedules from the chart', async () => {
  const scene = await schedulingPractice(j, 'desk', { frontDesk: true, biller: true });
  const { zone, admin, associate, clientId } = scene;
  const frontDesk = scene.frontDesk!;
  const biller = scene.biller!;
  const today = Temporal.Now.plainDateISO(zone);
  const weekday = today.toLocaleString('en-US', { weekday: 'long' });
  const span = {
    from: `${today.subtract({ days: 1 })}T00:00:00Z`,
    to: `${today.add({ days: 30 })}T00:00:00Z`,
  };

  // Locations: two added, one archived.
  await admin.page.goto('/admin/locations');
  await admin.page.getByRole('heading', { name: 'Locations' }).waitFor();
  await admin.page.getByText('No locations yet.').waitFor();
  for (const name of ['Main office', 'Room 2']) {
    await admin.page.getByLabel('New location').fill(name);
    await admin.page.getByRole('button', { name: 'Add location' }).click();
    await admin.page.getByRole('table', { name: 'Locations' }).getByText(name).waitFor();
  }
  await admin.page.getByLabel('New location').fill('main office');
  await admin.page.getByRole('button', { name: 'Add location' }).click();
  await admin.page.getByText('There is already a location of that name.').waitFor();
  await j.check(admin.page, 'locations');
  await admin.page.getByRole('button', { name: 'Archive Room 2' }).click();
  await admin.page
    .getByRole('dialog', { name: 'Archive Room 2?' })
    .getByRole('button', { name: 'Archive' })
    .click();
  await admin.page
    .getByRole('table', { name: 'Locations' })
    .getByText('Room 2')
    .waitFor({ state: 'detached' });
  await j.check(admin.page, 'location-archived');

  // The front desk starts on the whole practice, picks the clinician and keeps their hours.
  const desk = frontDesk.page;
  await desk.goto('/calendar');
  await desk.getByRole('heading', { name: 'Calendar' }).waitFor();
  await waitForValue(desk.getByRole('textbox', { name: 'Whose calendar' }), 'Everyone');
  await desk.getByRole('list', { name: 'Clinicians’ colours' }).getByText('Alex Morgan').waitFor();

  // Booking from the whole practice: the client's own clinician comes with the client, and a
  // time outside their working hours (none are set yet) is said before booking.
  await desk.getByRole('button', { name: 'New appointment' }).click();
  const first = desk.getByRole('dialog', { name: 'New appointment' });
  assert.equal(await first.getByRole('textbox', { name: 'Clinician' }).inputValue(), '');
  await first.getByRole('textbox', { name: 'Client' }).fill('jordan');
  await desk.getByRole('option', { name: 'Jordan Ellis' }).click();
  await waitForValue(first.getByRole('textbox', { name: 'Clinician' }), 'Alex Morgan');
  await first.getByText('This is outside Alex Morgan’s working hours').waitFor();
  await j.check(desk, 'desk-booking-prefilled');
  await first.getByRole('button', { name: 'Cancel' }).click();
  await first.waitFor({ state: 'hidden' });

  await desk.getByRole('textbox', { name: 'Whose calendar' }).click();
  await desk.getByRole('option', { name: 'Alex Morgan' }).click();
  await desk.getByRole('button', { name: 'Working hours…' }).click();
  const hours = desk.getByRole('dialog', { name: 'Alex Morgan: working hours' });
  await hours.getByRole('button', { name: `Add hours on ${weekday}` }).click();
  await hours.getByLabel(`${weekday} from`).fill('06:00');
  await hours.getByLabel(`${weekday} until`).fill('22:00');
  await j.check(desk, 'desk-hours');
  await hours.getByRole('button', { name: 'Save working hours' }).click();
  await hours.getByText('Working hours saved.').waitFor();
  await desk.keyboard.press('Escape');
  await hours.waitFor({ state: 'hidden' });

  // Booked from the button: today, the next quarter hour, in person at the main office.
  await desk.getByRole('button', { name: 'New appointment' }).click();
  const book = desk.getByRole('dialog', { name: 'New appointment' });
  assert.equal(await book.getByLabel('Date').inputValue(), today.toString());
  await waitForValue(book.getByRole('textbox', { name: 'Clinician' }), 'Alex Morgan');
  await book.getByRole('textbox', { name: 'Client' }).fill('jordan');
  await desk.getByRole('option', { name: 'Jordan Ellis' }).click();
  await book.getByRole('textbox', { name: 'Location' }).click();
  await desk.getByRole('option', { name: 'Main office' }).click();
  assert.equal(await book.getByLabel('Remark').count(), 0, 'the front desk writes no remark here');
  await j.check(desk, 'desk-booking');
  await book.getByRole('button', { name: 'Book appointment' }).click();
  await book.waitFor({ state: 'hidden' });
  await desk.getByText('Booked.').waitFor();
  assert.equal(await desk.getByText(/outside the clinician’s working hours/).count(), 0);
  await sessions(desk, 'Jordan Ellis').first().waitFor();
  await j.check(desk, 'desk-booked');
  const [session] = await appointmentsOf(frontDesk.context, clientId, span.from, span.to);
  assert.ok(session);
  assert.equal(session.clinicianId, associate.id);
  assert.equal(localOf(session.start, zone).slice(0, 10), today.toString());

  // The same time again: the clash is said in words while the form is filled.
  await desk.getByRole('button', { name: 'New appointment' }).click();
  await book.getByRole('textbox', { name: 'Client' }).fill('jordan');
  await desk.getByRole('option', { name: 'Jordan Ellis' }).click();
  await book.getByLabel('Start').fill(localOf(session.start, zone).slice(11));
  await book
    .getByRole('alert')
    .getByText(
      /^Alex Morgan already sees a client on [A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d\d/,
    )
    .waitFor();
  await j.check(desk, 'desk-clash');
  await book.getByRole('button', { name: 'Cancel' }).click();
  await book.waitFor({ state: 'hidden' });

  // Today: the whole practice's sessions; the client arrives.
  await desk.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
  const list = desk.getByRole('list', { name: 'Today’s sessions' });
  await list.getByText('Jordan Ellis').waitFor();
  await list.getByText('Alex Morgan').waitFor();
  await j.check(desk, 'desk-today');
  await list.getByRole('button', { name: 'Arrived: Jordan Ellis' }).click();
  await desk.getByText('Arrived: Jordan.').waitFor();
  await list.getByText('→ Arrived').waitFor();
  await j.check(desk, 'desk-arrived');
  const [arrived] = await appointmentsOf(frontDesk.context, clientId, span.from, span.to);
  assert.equal(arrived?.status, 'arrived');

  // The clinician's own Today: the session, arrived; Completed comes once it has started.
  await associate.page.goto('/today');
  const mine = associate.page.getByRole('list', { name: 'Today’s sessions' });
  await mine.getByText('→ Arrived').waitFor();
  await associate.page.getByRole('heading', { name: 'My appointments' }).waitFor();
  await j.check(associate.page, 'associate-today');

  // The whole practice's day, clinicians side by side where their sessions overlap: the
  // administrator sees a client at the same time.
  await call(admin.context, 'POST', '/appointments', {
    clientId,
    clinicianId: admin.id,
    start: session.start,
    end: session.end,
    kind: 'telehealth',
    serviceCode: '90837',
  });
  await desk.goto(`/calendar?view=day&who=all&date=${today}`);
  await sessions(desk, 'Jordan Ellis').nth(1).waitFor();
  await desk.getByText('Rowan Birch', { exact: true }).first().waitFor();
  // One column per clinician, headed by their name, each with their own session.
  const columns = desk.locator('.schedule-column');
  await columns.nth(0).locator('[role="columnheader"]', { hasText: 'Alex Morgan' }).waitFor();
  await columns.nth(1).locator('[role="columnheader"]', { hasText: 'Rowan Birch' }).waitFor();
  assert.equal(await columns.nth(1).locator('.appt').count(), 1);
  await j.check(desk, 'desk-day-everyone');

  // A biller: the calendar, the session, no remark and nothing to change.
  await call(associate.context, 'PATCH', `/appointments/${session.id}`, {
    remark: 'Asked to move to mornings',
  });
  const seen = (await call(biller.context, 'GET', `/appointments/${session.id}`)) as object;
  assert.equal('remark' in seen, false);
  await biller.page.goto('/calendar');
  await sessions(biller.page, 'Jordan Ellis').filter({ hasText: 'Alex Morgan' }).click();
  const details = biller.page.getByRole('dialog', { name: 'Jordan Ellis' });
  await details.getByText('Main office').waitFor();
  assert.equal(await details.getByText('Remark').count(), 0);
  assert.equal(await details.getByText('Asked to move to mornings').count(), 0);
  assert.equal(await details.getByRole('button', { name: 'Reschedule…' }).count(), 0);
  assert.equal(await details.getByText('Change the status').count(), 0);
  assert.equal(await biller.page.getByRole('button', { name: 'New appointment' }).count(), 0);
  await j.check(biller.page, 'biller-details');

  // The clinician, on the client's chart: sees the session and its remark, books the next one
  // and moves it by typing a new time (the keyboard way to move).
  const page = associate.page;
  // "Write note" is offered once the session has started; it was booked for the next quarter
  // hour, so the clinician's browser is put a few minutes past its start.
  await page.clock.setFixedTime(new Date(Date.parse(session.start) + 5 * 60_000));
  await page.goto(`/clients/${clientId}/appointments`);
  const upcoming = page.getByRole('region', { name: 'Upcoming' });
  await upcoming.getByText('Arrived').waitFor();
  await j.check(page, 'chart-appointments');

  // "Write note" from the session: a draft tied to it, opened in the editor.
  await upcoming
    .locator('li')
    .filter({ hasText: 'Arrived' })
    .getByRole('button', { name: 'Details' })
    .click();
  const arrivedOne = page.getByRole('dialog', { name: 'Jordan Ellis' });
  await arrivedOne.getByRole('button', { name: 'Write note' }).click();
  await page.getByRole('menuitem').first().click();
  await page.waitForURL(/\/notes\/[0-9a-f-]{36}$/);
  const noteId = page.url().split('/').at(-1)!;
  const note = (await call(associate.context, 'GET', `/notes/${noteId}`)) as {
    appointmentId: string | null;
  };
  assert.equal(note.appointmentId, session.id);
  await page.goto(`/clients/${clientId}/appointments`);
  await upcoming
    .locator('li')
    .filter({ hasText: 'Arrived' })
    .getByRole('button', { name: 'Details' })
    .click();
  await arrivedOne.getByRole('link', { name: 'Continue note' }).waitFor();
  await page.keyboard.press('Escape');
  await arrivedOne.waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: 'Book appointment' }).click();
  const dialog = page.getByRole('dialog', { name: 'New appointment' });
  const thursday = nextWeek(zone).plus(0, 4);
  await dialog.getByLabel('Date').fill(thursday);
  await dialog.getByLabel('Start').fill('14:00');
  await dialog.getByText('60 min', { exact: true }).click();
  assert.equal(await dialog.getByLabel('End').inputValue(), '15:00');
  await waitForValue(dialog.getByRole('textbox', { name: 'Service code' }), '90837');
  await dialog.getByRole('button', { name: 'Book appointment' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText('Booked.').waitFor();
  await upcoming.getByRole('button', { name: 'Details' }).last().click();
  const open = page.getByRole('dialog', { name: 'Jordan Ellis' });
  // Every status the server takes from here: those that wait for the session's time are
  // shown, disabled, with when they open.
  const statuses = open.getByRole('group', { name: 'Change the status' });
  for (const name of ['Confirmed', 'Cancelled…', 'Late cancellation…'])
    assert.equal(await statuses.getByRole('button', { name }).isEnabled(), true, name);
  for (const name of ['Arrived', 'Completed', 'No-show…'])
    assert.equal(await statuses.getByRole('button', { name }).isDisabled(), true, name);
  await open.getByText(/Arrived from an hour before the start; Completed once/).waitFor();
  assert.equal(await open.getByRole('button', { name: 'Write note' }).count(), 0, 'not ahead');
  await j.check(page, 'chart-statuses');
  await open.getByRole('button', { name: 'Reschedule…' }).click();
  await open.getByLabel('Start').fill('15:30');
  await j.check(page, 'chart-reschedule');
  await open.getByRole('button', { name: 'Save changes' }).click();
  await open.waitFor({ state: 'hidden' });
  await page.getByText('Rescheduled.').waitFor();
  await j.check(page, 'chart-rescheduled');
  const all = await appointmentsOf(associate.context, clientId, span.from, span.to);
  assert.deepEqual(all.map((a) => [localOf(a.start, zone), localOf(a.end, zone)]).slice(-1), [
    [`${thursday}T15:30`, `${thursday}T16:30`],
  ]);
  assert.equal(all.find((a) => a.id === session.id)?.remark, 'Asked to move to mornings');

  // The front desk keeps no hours of its own: no "My schedule" in their account.
  await desk.goto('/account');
  await desk.getByRole('heading', { name: 'My account' }).waitFor();
  assert.equal(await desk.getByRole('region', { name: 'My schedule' }).count(), 0);
  await j.check(desk, 'desk-account');
});
