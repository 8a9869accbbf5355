import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { Temporal } from 'temporal-polyfill';
import { call } from '../api.ts';
import { Journey } from '../harness.ts';
import { sessions } from '../schedule-calendar.ts';
import { schedulingPractice } from '../schedule-scene.ts';

let j: Journey;
before(async () => {
  j = await Journey.start('phone-width');
});
after(() => j.close());

/** Nothing scrolls sideways, and the account menu (the way to sign out) is on screen. */
async function fitsThePhone(page: Page, name: string, label: string) {
  const { scrollWidth, innerWidth, wide } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    // The innermost elements that reach past the screen's edge: what to fix when this fails.
    wide: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .filter(
        (e) =>
          ![...e.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 0.5),
      )
      .slice(0, 5)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} (${Math.round(e.getBoundingClientRect().right)})`,
      ),
  }));
  assert.ok(
    scrollWidth <= innerWidth,
    `${label}: the page is ${scrollWidth} px wide in ${innerWidth}: ${wide.join(', ')}`,
  );
  const menu = page.getByRole('button', { name: new RegExp(name) });
  const box = await menu.boundingBox();
  assert.ok(box, `${label}: the account menu is shown`);
  assert.ok(
    box.x >= 0 && box.x + box.width <= innerWidth,
    `${label}: the account menu is on screen`,
  );
  await j.check(page, label);
}

test('at 390×844 Today, the calendar, the client list and the chart fit the phone, and the account menu signs out', async () => {
  const scene = await schedulingPractice(j, 'phone');
  const { zone, associate, clientId } = scene;
  const page = associate.page;
  await page.setViewportSize({ width: 390, height: 844 });
  // A session today, so Today and the calendar have a card to show.
  const now = Temporal.Now.zonedDateTimeISO(zone).round({
    smallestUnit: 'hour',
    roundingMode: 'ceil',
  });
  await call(associate.context, 'POST', '/appointments', {
    clientId,
    clinicianId: associate.id,
    start: now.toInstant().toString(),
    end: now.add({ minutes: 50 }).toInstant().toString(),
    kind: 'telehealth',
    serviceCode: '90837',
  });

  await page.goto('/today');
  await page.getByRole('list', { name: 'Today’s sessions' }).getByText('Jordan Ellis').waitFor();
  await fitsThePhone(page, associate.name, 'today');

  await page.goto('/calendar');
  await page.getByRole('heading', { name: 'Calendar' }).waitFor();
  await sessions(page, 'Jordan Ellis').first().waitFor();
  // A phone starts on one day, and the toolbar leaves most of the screen to it.
  assert.equal(await page.locator('.schedule-day').count(), 1, 'the calendar opens on a day');
  const toolbar = await page.locator('.calendar-toolbar').boundingBox();
  assert.ok(toolbar && toolbar.height <= 844 / 4, `the toolbar is ${toolbar?.height} px tall`);
  await fitsThePhone(page, associate.name, 'calendar');
  // The practice's day: a column per clinician, scrolled sideways inside the frame only.
  await page.goto('/calendar?who=all');
  await page.locator('.schedule-column').nth(1).waitFor();
  await fitsThePhone(page, associate.name, 'calendar-everyone');

  await page.goto('/clients');
  await page.getByRole('link', { name: /Ellis/ }).first().waitFor();
  await fitsThePhone(page, associate.name, 'clients');

  await page.goto(`/clients/${clientId}`);
  await page
    .getByRole('heading', { name: /Jordan Ellis/ })
    .first()
    .waitFor();
  await fitsThePhone(page, associate.name, 'chart');

  await page.getByRole('button', { name: new RegExp(associate.name) }).click();
  const signOut = page.getByRole('menuitem', { name: 'Sign out' });
  await signOut.waitFor();
  const box = await signOut.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 390, 'Sign out is on screen');
  // A picture only: axe faults the menu library's focus guard inside role="menu".
  await page.waitForTimeout(350);
  await page.screenshot({ path: join(j.dir, 'account-menu-open.png') });
  await signOut.click();
  await page.waitForURL('**/sign-in');
});
