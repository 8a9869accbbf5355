// The sign-in steps several journeys share, as a person does them in the browser.
import type { Page } from 'playwright-core';

/** Email and password on the sign-in form, ending on the second-factor screen. */
export async function signInToSecondFactor(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/sign-in/mfa');
}

/** Signs out through the account menu (the button shows the person's name). */
export async function signOut(page: Page, name: string) {
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.waitForURL('**/sign-in');
}
