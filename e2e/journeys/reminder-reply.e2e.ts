// A client answers a reminder email's link on a phone: /r/<token> at 390 px, no sign-in, no
// sideways scroll; "Confirm" confirms the appointment, and staff see it confirmed by the client.
//
// The link's token is issued by the reminders send job, which puts it only in the email. To
// know one, this journey writes the reminder itself, so it serves Hearth in-process (the real
// application, buildApp, on a fresh embedded database, with the web app `npm run test:e2e` just
// built) where it can reach the database, instead of the separate server of e2e/run.ts.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { testApp, type TestApp } from '../../src/testing/app.ts';
import { callAs } from '../../src/testing/practice.ts';
import {
  addReminder,
  bookAhead,
  newToken,
  replyScene,
  type ReplyScene,
} from '../../src/reminders/replies/test-fixtures.ts';
import { Journey } from '../harness.ts';

let j: Journey;
let t: TestApp;
let s: ReplyScene;
let origin = '';

before(async () => {
  j = await Journey.start('reminder-reply');
  t = await testApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  origin = `http://localhost:${(t.app.server.address() as AddressInfo).port}`;
  s = await replyScene(t);
});
after(async () => {
  await j.close();
  await t.close();
});

async function phone(): Promise<Page> {
  const context = await j.browser.newContext({
    baseURL: origin,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'en-US',
    timezoneId: 'Europe/London',
  });
  const page = await context.newPage();
  await j.watch(page);
  return page;
}

async function noSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    view: window.innerWidth,
  }));
  assert.ok(widths.scroll <= widths.view, `page is ${widths.scroll} px wide in ${widths.view}`);
}

test('the reminder link at 390 px: the appointment in its own zone, Confirm, staff see it confirmed by the client', async () => {
  const appointmentId = await bookAhead(t, s, 3 * 24 * 60);
  const token = newToken();
  await addReminder(t, s, { appointmentId, channel: 'email', token });
  const seen = await callAs(
    t,
    s.p.staff.front_desk,
    'GET',
    `/api/v1/appointments/${appointmentId}`,
  );
  const booked = seen.json<{ start: string }>();

  const page = await phone();
  await page.goto(`/r/${token}`);
  await page.getByRole('heading', { name: 'Your appointment' }).waitFor();
  // The practice's clock (New York), not the phone's (London).
  const time = new Intl.DateTimeFormat('en-US', {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: s.zone,
  }).formatToParts(new Date(booked.start));
  const hour = time.find((p) => p.type === 'hour')!.value;
  const minute = time.find((p) => p.type === 'minute')!.value;
  await page.getByText(new RegExp(`^${hour}:${minute}\\s`)).waitFor();
  await page.getByText('Video session').waitFor();
  await noSidewaysScroll(page);
  await j.check(page, 'open');

  await page.getByRole('button', { name: 'Cancel appointment' }).click();
  await page.getByText('Are you sure you want to cancel this appointment?').waitFor();
  await page.getByText(/Cancelling less than 24 hours before the start counts as a late/).waitFor();
  await noSidewaysScroll(page);
  await j.check(page, 'cancel-asks');
  await page.getByRole('button', { name: 'No, keep my appointment' }).click();

  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByText('Your appointment is confirmed').waitFor();
  await noSidewaysScroll(page);
  await j.check(page, 'confirmed');

  const after = await callAs(
    t,
    s.p.staff.front_desk,
    'GET',
    `/api/v1/appointments/${appointmentId}`,
  );
  const a = after.json<{ status: string; updatedBy: string | null; updatedVia: string | null }>();
  assert.deepEqual([a.status, a.updatedBy, a.updatedVia], ['confirmed', null, 'email']);

  // Opened again later: the first answer stands and the page says so, with no buttons.
  await page.reload();
  await page.getByText(/You already answered this reminder/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Confirm' }).count(), 0);
  await j.check(page, 'answered-before');

  // A link that names no reminder.
  await page.goto(`/r/${newToken()}`);
  await page.getByRole('heading', { name: 'This link does not work' }).waitFor();
  await j.check(page, 'unknown-link');
});
