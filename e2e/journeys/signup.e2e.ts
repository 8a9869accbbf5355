import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { Authenticator, PASSWORD } from '../api.ts';
import { Journey } from '../harness.ts';
import { signInToSecondFactor, signOut } from '../sign-in.ts';

let j: Journey;
before(async () => {
  j = await Journey.start('signup');
});
after(() => j.close());

test('sign up with the BAA, enrol an authenticator, save recovery codes, sign out, sign in with TOTP', async () => {
  const { page } = await j.person();
  const email = `rowan-${randomUUID().slice(0, 6)}@birchwood.test`;

  await page.goto('/');
  await page.waitForURL('**/sign-in');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await j.check(page, 'sign-in');

  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByRole('region', { name: /Business Associate Agreement/ }).waitFor();
  await page.getByLabel('Practice name').fill('Birchwood Counselling');
  await page.getByLabel('Your name').fill('Rowan Birch');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill('short');
  await j.check(page, 'sign-up-rules');
  // Long enough, but the server refuses it as guessable: the checklist must not tick it off.
  await page.getByLabel(/^Password/).fill('password1234567');
  const rules = page.locator('#password-rules li');
  await page.getByText('Checking strength…').waitFor({ state: 'detached' });
  const verdicts = await rules.allInnerTexts();
  assert.ok(
    verdicts.some((v) => v.includes('(not yet)')),
    `"password1234567" shown as acceptable: ${verdicts.join(' | ')}`,
  );
  await j.check(page, 'sign-up-guessable');
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign and create my practice' }).click();
  // Not accepted yet: the form says what is missing, where.
  await page.getByText('Read and accept the agreement to continue.').waitFor();
  await page.getByLabel(/I have read the Business Associate Agreement/).check();
  await page.getByLabel('Signature').fill('Rowan A. Birch');
  await j.check(page, 'sign-up-filled');
  await page.getByRole('button', { name: 'Sign and create my practice' }).click();

  await page.waitForURL('**/enroll');
  await j.check(page, 'enroll-choose');
  await page.getByRole('button', { name: 'Set up Authenticator app' }).click();
  const secretBox = page.getByTestId('totp-secret');
  await secretBox.waitFor();
  const authenticator = new Authenticator((await secretBox.getAttribute('data-secret')) ?? '');
  await j.check(page, 'enroll-totp');
  await page.getByLabel('Code from the app').fill(await authenticator.code());
  await page.getByRole('button', { name: 'Turn on' }).click();

  const codes = page.getByTestId('recovery-codes').locator('li');
  await codes.first().waitFor();
  assert.equal(await codes.count(), 10);
  await j.check(page, 'recovery-codes');
  const continueButton = page.getByRole('button', { name: 'Continue' });
  assert.equal(await continueButton.isDisabled(), true, 'Continue waits for "I saved them"');
  await page.getByLabel('I saved these codes somewhere safe').check();
  await continueButton.click();

  await page.waitForURL('**/today');
  await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
  await page.getByText('Birchwood Counselling').first().waitFor();
  await j.check(page, 'today');

  await signOut(page, 'Rowan Birch');
  await signInToSecondFactor(page, email, PASSWORD);
  await j.check(page, 'mfa');
  await page.getByLabel('6-digit code from your authenticator app').fill(authenticator.wrongCode());
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText(/That code is not right/).waitFor();
  await j.check(page, 'mfa-wrong-code');
  await page
    .getByLabel('6-digit code from your authenticator app')
    .fill(await authenticator.code());
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL('**/today');
  await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
  await j.check(page, 'today-again');
});
