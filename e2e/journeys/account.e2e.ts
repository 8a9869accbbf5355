import { after, before, test } from 'node:test';
import { newPractice, PASSWORD } from '../api.ts';
import { Journey } from '../harness.ts';
import { signInToSecondFactor } from '../sign-in.ts';

let j: Journey;
before(async () => {
  j = await Journey.start('account');
});
after(() => j.close());

const NEW_PASSWORD = 'copper kettle winter orchard';

test('My account: change password, add a passkey (the password asked again), remove the authenticator with the password, sign out everywhere, sign in with the passkey', async () => {
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

  // A passkey, made by Chromium's virtual authenticator (the platform's WebAuthn, no device).
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  await page.getByRole('button', { name: 'Add a method' }).click();
  const add = page.getByRole('dialog', { name: 'Add a sign-in method' });
  await add.getByText('Passkey', { exact: true }).waitFor();
  await j.check(page, 'add-method');
  await add.getByRole('button', { name: 'Set up Passkey' }).click();
  await add.getByLabel('Name for this passkey (optional)').fill('Office laptop');
  await add.getByRole('button', { name: 'Create a passkey' }).click();
  // Adding a method asks for the password again: this session was opened by the second factor.
  const confirm = page.getByRole('dialog', { name: 'Confirm your password' });
  await confirm
    .getByText(/asks for your password again before a sign-in method is added/)
    .waitFor();
  await j.check(page, 'confirm-password');
  await confirm.getByLabel(/^Password/).fill('not the password');
  await confirm.getByRole('button', { name: 'Confirm' }).click();
  await confirm.getByText('Your password is not correct.').waitFor();
  await j.check(page, 'confirm-password-wrong');
  await confirm.getByLabel(/^Password/).fill(NEW_PASSWORD);
  await confirm.getByRole('button', { name: 'Confirm' }).click();
  await confirm.waitFor({ state: 'hidden' });
  const methods = page.getByRole('table', { name: 'Sign-in methods' });
  await methods.getByText('Office laptop').waitFor();
  await j.check(page, 'passkey-added');

  // Removing one asks for the password again.
  await methods.getByRole('button', { name: 'Remove Authenticator app' }).click();
  const remove = page.getByRole('dialog', { name: 'Remove Authenticator app?' });
  await remove.getByLabel(/^Password/).fill('not the password');
  await remove.getByRole('button', { name: 'Remove' }).click();
  await remove.getByText('Your password is not correct.').waitFor();
  await j.check(page, 'remove-wrong-password');
  await remove.getByLabel(/^Password/).fill(NEW_PASSWORD);
  await remove.getByRole('button', { name: 'Remove' }).click();
  await remove.waitFor({ state: 'hidden' });
  await methods.getByText('Authenticator app').waitFor({ state: 'detached' });

  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await page
    .getByRole('dialog', { name: 'Sign out everywhere?' })
    .getByRole('button', { name: 'Sign out everywhere' })
    .click();
  await page.waitForURL('**/signed-out');
  await page.getByRole('heading', { name: 'You are signed out' }).waitFor();
  await j.check(page, 'signed-out');

  await page.getByRole('link', { name: 'Sign in again' }).click();
  await signInToSecondFactor(page, admin.email, NEW_PASSWORD);
  // The authenticator is gone: the passkey is the factor now.
  await page.getByRole('button', { name: 'Use my passkey' }).click();
  await page.waitForURL('**/today');
  await j.check(page, 'signed-in-with-passkey');
});
