import { after, before, test } from 'node:test';
import { newPractice, PASSWORD } from '../api.ts';
import { Journey } from '../harness.ts';

let j: Journey;
before(async () => {
  j = await Journey.start('account');
});
after(() => j.close());

const NEW_PASSWORD = 'copper kettle winter orchard';

test('My account: change password, see sign-in methods and sessions, sign out everywhere', async () => {
  const { context, page } = await j.person();
  const admin = await newPractice(context, 'account');

  await page.goto('/today');
  await page.getByRole('button', { name: /Rowan Birch/ }).click();
  await page.getByRole('menuitem', { name: 'My account' }).click();
  await page.getByRole('heading', { name: 'My account' }).waitFor();
  await page
    .getByRole('table', { name: 'Sign-in methods' })
    .getByText('Authenticator app')
    .waitFor();
  await page.getByRole('table', { name: 'Sessions' }).getByText('This browser').waitFor();
  await j.check(page, 'account');

  await page.getByLabel(/^Current password/).fill('not the password');
  await page.getByLabel(/^New password(?! again)/).fill(NEW_PASSWORD);
  await page.getByLabel(/^New password again/).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Your current password is not correct.').waitFor();
  await j.check(page, 'password-wrong');
  await page.getByLabel(/^Current password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByRole('status').filter({ hasText: /./ }).first().waitFor();
  await j.check(page, 'password-changed');

  await page.getByRole('button', { name: 'Add a method' }).click();
  await page.getByRole('dialog', { name: 'Add a sign-in method' }).getByText('Passkey').waitFor();
  await j.check(page, 'add-method');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await page
    .getByRole('dialog', { name: 'Sign out everywhere?' })
    .getByRole('button', { name: 'Sign out everywhere' })
    .click();
  await page.waitForURL('**/signed-out');
  await page.getByRole('heading', { name: 'You are signed out' }).waitFor();
  await j.check(page, 'signed-out');

  await page.getByRole('link', { name: 'Sign in again' }).click();
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel(/^Password/).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/sign-in/mfa');
  await page
    .getByLabel('6-digit code from your authenticator app')
    .fill(await admin.authenticator.code());
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL('**/today');
  await j.check(page, 'signed-in-with-new-password');
});
