import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { PASSWORD, waitForText, type Text } from '../api.ts';
import { Journey } from '../harness.ts';
import { signInToSecondFactor, signOut } from '../sign-in.ts';

let j: Journey;
before(async () => {
  j = await Journey.start('sms');
});
after(() => j.close());

const NAME = 'Ellis Thornbury';
const PRACTICE = 'Thornbury Family Therapy';
// As a person types it; Hearth strips the spaces and brackets, and shows what it texted.
const TYPED_PHONE = '+1 (555) 014-2367';
const PHONE = '+15550142367';
const CODE_TEXT = /^Your Hearth code is \d{6}\. It expires in 5 minutes\. Never share it\.$/;

/** What a text may say: the code, nothing about the person or the practice. */
function assertBare(text: Text, email: string) {
  assert.equal(text.to, PHONE, 'the text goes to the number entered');
  assert.match(text.body, CODE_TEXT);
  assert.match(text.code, /^\d{6}$/);
  for (const secret of [NAME, 'Ellis', 'Thornbury', email, email.split('@')[0]!, PRACTICE]) {
    assert.ok(!text.body.includes(secret), `the text does not carry "${secret}"`);
  }
}

test('sign up, enrol a phone for SMS codes, sign out, sign in with a texted code', async () => {
  const { page } = await j.person();
  const email = `ellis-${randomUUID().slice(0, 6)}@thornbury.test`;

  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByRole('region', { name: /Business Associate Agreement/ }).waitFor();
  await page.getByLabel('Practice name').fill(PRACTICE);
  await page.getByLabel('Your name').fill(NAME);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByLabel(/I have read the Business Associate Agreement/).check();
  await page.getByLabel('Signature').fill(NAME);
  await j.check(page, 'sign-up-filled');
  await page.getByRole('button', { name: 'Sign and create my practice' }).click();

  // Enrolment: SMS as the second factor.
  await page.waitForURL('**/enroll');
  await page.getByRole('button', { name: 'Set up Text message' }).click();
  const phoneField = page.getByLabel('Mobile phone number');
  await phoneField.waitFor();
  await j.check(page, 'sms-phone');
  // A number without the country code is refused, with the form it wants.
  await phoneField.fill('555-0142');
  await page.getByRole('button', { name: 'Text me a code' }).click();
  await page
    .getByRole('alert')
    .getByText(/international form, e\.g\. \+15551234567/)
    .waitFor();
  await j.check(page, 'sms-phone-refused');
  await phoneField.fill(TYPED_PHONE);
  await page.getByRole('button', { name: 'Text me a code' }).click();
  await page.getByText(`We sent a code to ${PHONE}.`).waitFor();
  await j.check(page, 'sms-code-sent');

  const enrolText = await waitForText(PHONE);
  assertBare(enrolText, email);
  const enrolCodeField = page.getByLabel('Code from the text message');
  const enrolWrong = enrolText.code === '000000' ? '111111' : '000000';
  await enrolCodeField.fill(enrolWrong);
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByText('That code is not right or has expired. Ask for a new one.').waitFor();
  await j.check(page, 'sms-enrol-wrong-code');
  await enrolCodeField.fill(enrolText.code);
  await page.getByRole('button', { name: 'Confirm' }).click();

  const codes = page.getByTestId('recovery-codes').locator('li');
  await codes.first().waitFor();
  assert.equal(await codes.count(), 10);
  await j.check(page, 'recovery-codes');
  await page.getByLabel('I saved these codes somewhere safe').check();
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.waitForURL('**/today');
  await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
  await page.getByText(PRACTICE).first().waitFor();
  await j.check(page, 'today');

  await signOut(page, NAME);

  // Sign-in: email and password, then a texted code.
  await signInToSecondFactor(page, email, PASSWORD);
  // The ways this person can confirm: text message (theirs) and a recovery code, no app.
  const ways = page.getByRole('radiogroup', { name: 'How to confirm' });
  await ways.waitFor();
  assert.deepEqual(await ways.locator('label').allTextContents(), [
    'Text message',
    'Recovery code',
  ]);
  assert.equal(await ways.getByRole('radio', { name: 'Text message' }).isChecked(), true);
  await page.getByText('We will text a code to the phone you set up.').waitFor();
  await j.check(page, 'mfa-choose');
  // A look at the other way, and back.
  await ways.getByText('Recovery code').click();
  await page.getByRole('textbox', { name: 'Recovery code' }).waitFor();
  await ways.getByText('Text message').click();
  await page.getByRole('button', { name: 'Text me a code' }).click();
  await page.getByText('We sent a code to your phone. It works for 5 minutes.').waitFor();
  const signInText = await waitForText(PHONE);
  assertBare(signInText, email);
  await j.check(page, 'mfa-sms-sent');

  // The code from enrolment (used, and for another purpose) is refused like any wrong one.
  const codeField = page.getByLabel('Code from the text message');
  const wrong =
    enrolText.code !== signInText.code
      ? enrolText.code
      : signInText.code === '000000'
        ? '111111'
        : '000000';
  await codeField.fill(wrong);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page
    .getByRole('alert')
    .getByText('That code is not right, or it was used already.')
    .waitFor();
  await j.check(page, 'mfa-wrong-code');
  assert.ok(
    page.url().endsWith('/sign-in/mfa'),
    'a wrong code keeps the person at the second step',
  );

  await codeField.fill(signInText.code);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL('**/today');
  await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
  await page.getByText(PRACTICE).first().waitFor();
  await j.check(page, 'today-again');
});
