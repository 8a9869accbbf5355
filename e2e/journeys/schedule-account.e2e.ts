import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call } from '../api.ts';
import { BASE_URL, Journey } from '../harness.ts';
import { nextWeek } from '../schedule-calendar.ts';
import { schedulingPractice } from '../schedule-scene.ts';

let j: Journey;
before(async () => {
  j = await Journey.start('schedule-account');
});
after(() => j.close());

test('My schedule: working hours in two blocks, time off, a calendar feed without client names, revoked', async () => {
  const scene = await schedulingPractice(j, 'account');
  const { zone, associate, clientId } = scene;
  const page = associate.page;
  const week = nextWeek(zone);
  // A session in the feed's range, so the feed has something to leave out.
  await call(associate.context, 'POST', '/appointments', {
    clientId,
    clinicianId: associate.id,
    start: `${week.tuesday}T10:00:00Z`,
    end: `${week.tuesday}T10:50:00Z`,
    kind: 'in_person',
    serviceCode: '90834',
  });

  await page.goto('/account');
  const schedule = page.getByRole('region', { name: 'My schedule' });
  await schedule.getByText(`in the practice’s time zone (${zone})`).waitFor();
  await j.check(page, 'my-schedule');

  // Monday: a morning and an afternoon; Wednesday: the day.
  await schedule.getByRole('button', { name: 'Add hours on Monday' }).click();
  await schedule.getByLabel('Monday until').fill('12:00');
  await schedule.getByRole('button', { name: 'Add hours on Monday' }).click();
  await schedule.getByLabel('Monday from').nth(1).fill('13:00');
  await schedule.getByLabel('Monday until').nth(1).fill('17:30');
  await schedule.getByRole('button', { name: 'Add hours on Wednesday' }).click();
  // An end before the start is caught before asking the server.
  await schedule.getByLabel('Wednesday until').fill('08:00');
  await schedule.getByRole('button', { name: 'Save working hours' }).click();
  await schedule.getByText('The end must be after the start.').waitFor();
  await j.check(page, 'hours-invalid');
  await schedule.getByLabel('Wednesday until').fill('16:00');
  await schedule.getByRole('button', { name: 'Save working hours' }).click();
  await schedule.getByText('Working hours saved.').waitFor();
  const hours = (await call(associate.context, 'GET', `/clinicians/${associate.id}/hours`)) as {
    blocks: { weekday: number; start: string; end: string }[];
  };
  assert.deepEqual(
    hours.blocks.map((b) => [b.weekday, b.start, b.end]),
    [
      [1, '09:00', '12:00'],
      [1, '13:00', '17:30'],
      [3, '09:00', '16:00'],
    ],
  );

  // Time off: three whole days, and an afternoon that is then removed.
  await schedule.getByLabel('First day').fill(week.plus(1, 1));
  await schedule.getByLabel('Last day').fill(week.plus(1, 3));
  await schedule.getByRole('button', { name: 'Add time off' }).click();
  const table = schedule.getByRole('table', { name: 'Time off' });
  await table.getByRole('row').nth(1).waitFor();
  await schedule.getByLabel('Whole days').uncheck();
  await schedule.getByLabel('From', { exact: true }).fill(week.tuesday);
  await schedule.getByLabel('Start time').fill('13:00');
  await schedule.getByLabel('Until', { exact: true }).fill(week.tuesday);
  await schedule.getByLabel('End time').fill('17:00');
  await schedule.getByRole('textbox', { name: 'Reason' }).click();
  await page.getByRole('option', { name: 'Training' }).click();
  await schedule.getByRole('button', { name: 'Add time off' }).click();
  await table.getByText('Training').waitFor();
  await j.check(page, 'time-off');
  type Off = { id: string; localStart: string; localEnd: string; reason: string };
  const offs = async () =>
    (
      (await call(associate.context, 'GET', `/clinicians/${associate.id}/time-off`)) as {
        items: Off[];
      }
    ).items;
  assert.deepEqual(
    (await offs()).map((o) => [o.localStart, o.localEnd, o.reason]),
    [
      [`${week.tuesday}T13:00`, `${week.tuesday}T17:00`, 'training'],
      [`${week.plus(1, 1)}T00:00`, `${week.plus(1, 4)}T00:00`, 'vacation'],
    ],
  );
  await table.getByRole('button', { name: /^Remove time off .*1:00/ }).click();
  await table.getByText('Training').waitFor({ state: 'detached' });
  assert.equal((await offs()).length, 1);

  // The calendar feed: made, read as a calendar app would, revoked.
  const feed = page.getByRole('region', { name: 'Calendar feed' });
  await feed.getByText('“Client session”').waitFor();
  await feed.getByRole('button', { name: 'Create a feed address' }).click();
  const url = await feed.getByTestId('feed-url').inputValue();
  assert.match(url, /^https:\/\/.*\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]{64}\.ics$/);
  await j.check(page, 'feed-created');
  // Calendar apps fetch it without a session: a fresh request context, no cookies.
  const outside = await j.browser.newContext({ ignoreHTTPSErrors: true });
  const fetched = await outside.request.get(url.replace(/^https:\/\/[^/]+/, BASE_URL));
  assert.equal(fetched.status(), 200, await fetched.text());
  assert.match(fetched.headers()['content-type'] ?? '', /^text\/calendar/);
  const ics = await fetched.text();
  assert.match(ics, /BEGIN:VCALENDAR/);
  assert.match(ics, /SUMMARY:Client session/);
  // UIDs (appointment ids) and DTSTAMPs (times of day) may spell "90834" by chance.
  assert.doesNotMatch(ics.replace(/^(UID|DTSTAMP):.*$/gm, ''), /Jordan|Ellis|90834/);
  await page.reload();
  await feed.getByText(/last fetched/).waitFor();
  await feed.getByRole('button', { name: 'Revoke' }).click();
  await page
    .getByRole('dialog', { name: 'Revoke this calendar feed?' })
    .getByRole('button', { name: 'Revoke' })
    .click();
  await feed.getByRole('button', { name: 'Create a feed address' }).waitFor();
  await j.check(page, 'feed-revoked');
  assert.equal(
    (await outside.request.get(url.replace(/^https:\/\/[^/]+/, BASE_URL))).status(),
    404,
  );
  await outside.close();
});
