import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { newPractice, waitForMail } from '../api.ts';
import { Journey } from '../harness.ts';
import { signInToSecondFactor } from '../sign-in.ts';

let j: Journey;
before(async () => {
  j = await Journey.start('reset');
});
after(() => j.close());

test('forgotten password: the emailed link opens the reset page, the new password signs in', async () => {
  const office = await j.person();
  const admin = await newPractice(office.context, 'reset');
  await office.context.close();

  const { page } = await j.person();
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  // The sign-in page (with its own Email field) stays until the next screen's code has loaded.
  await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
  await page.getByLabel('Email').fill(admin.email);
  await j.check(page, 'forgot');
  await page.getByRole('button', { name: 'Email me a link' }).click();
  await page.getByText(/a reset link is on its way/).waitFor();
  await j.check(page, 'forgot-sent');

  // The email, as delivered over SMTP to the test mailbox.
  const mail = await waitForMail(admin.email, /password/i);
  const link = /https:\/\/\S+\/reset-password#\S+/.exec(mail.text)?.[0];
  assert.ok(link, 'the reset email carries the link');
  await page.goto(link.replace(/^https:\/\/[^/]+/, ''));
  await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  assert.doesNotMatch(page.url(), /#/, 'the token leaves the address bar');
  await page.getByLabel(/^New password/).fill('short');
  await page.getByLabel(/^Type it again/).fill('short');
  await page.getByRole('button', { name: 'Save my new password' }).click();
  await page
    .getByText(/at least 15 characters/i)
    .first()
    .waitFor();
  await j.check(page, 'reset-too-short');
  const fresh = 'harbour lights over slate roofs';
  await page.getByLabel(/^New password/).fill(fresh);
  await page.getByLabel(/^Type it again/).fill(fresh);
  await page.getByRole('button', { name: 'Save my new password' }).click();
  await page.getByText('Password changed').waitFor();
  await j.check(page, 'reset-done');

  await page.getByRole('link', { name: 'Sign in' }).click();
  await signInToSecondFactor(page, admin.email, fresh);
  await page
    .getByLabel('6-digit code from your authenticator app')
    .fill(await admin.authenticator.code());
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL('**/today');
});
