import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { call, newPractice, PASSWORD } from '../api.ts';
import { Journey } from '../harness.ts';

let j: Journey;
before(async () => {
  j = await Journey.start('staff');
});
after(() => j.close());

async function invite(page: Page, name: string, email: string, role: string): Promise<string> {
  await page.getByRole('button', { name: 'Invite' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite a colleague' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByRole('textbox', { name: 'Role' }).click();
  await page.getByRole('option', { name: role, exact: true }).click();
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  const link = dialog.getByTestId('invite-url');
  await link.waitFor();
  const url = await link.inputValue();
  assert.match(url, /\/accept-invitation#/);
  return url;
}

async function accept(url: string): Promise<Page> {
  const { page } = await j.person();
  await page.goto(url);
  await page.getByRole('heading', { name: 'Join your practice' }).waitFor();
  assert.doesNotMatch(page.url(), /#/, 'the token leaves the address bar');
  await page.getByLabel(/^New password/).fill(PASSWORD);
  await page.getByLabel(/^Type it again/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Set my password and continue' }).click();
  await page.waitForURL('**/today');
  await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
  return page;
}

test('admin invites an associate and a front desk; each joins; roles shape what they see', async () => {
  const { context, page } = await j.person();
  const admin = await newPractice(context, 'staff');
  // Invitees join without enrolling a second factor in this journey (enrolment has its own).
  await call(context, 'PATCH', '/practice', { mfaRequired: false });

  await page.goto('/admin');
  await page.waitForURL('**/admin/staff');
  await page.getByRole('heading', { name: 'Staff' }).waitFor();
  await j.check(page, 'admin-staff');
  const associateUrl = await invite(
    page,
    'Alex Morgan',
    `alex-${Date.now()}@staff.test`,
    'Associate clinician',
  );
  await j.check(page, 'invite-link');
  await page.getByRole('button', { name: 'Done' }).click();
  const frontDeskUrl = await invite(page, 'Sam Lee', `sam-${Date.now()}@staff.test`, 'Front desk');
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('cell', { name: /^Sam Lee/ }).waitFor();
  await j.check(page, 'staff-invited');

  // Keyboard: the first Tab reaches the skip link, which moves focus to the screen; Escape
  // closes a dialog.
  await page.reload();
  await page.getByRole('cell', { name: /^Sam Lee/ }).waitFor();
  await page.keyboard.press('Tab');
  await page.getByRole('link', { name: 'Skip to main content' }).waitFor();
  assert.equal(
    await page.evaluate(() => document.activeElement?.textContent),
    'Skip to main content',
  );
  await j.check(page, 'skip-link');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  await page.getByRole('button', { name: 'Invite' }).click();
  await page.getByRole('dialog', { name: 'Invite a colleague' }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Invite a colleague' }).waitFor({ state: 'hidden' });

  // Alex may use break-glass access.
  await page.getByRole('button', { name: 'Actions for Alex Morgan' }).click();
  await page.getByRole('menuitem', { name: 'Allow emergency access' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Allow emergency access' }).click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });

  // A client nobody has assigned to Alex.
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('link', { name: 'New client' }).click();
  await page.getByLabel(/^First name/).fill('Jordan');
  await page.getByLabel(/^Last name/).fill('Ellis');
  await page.getByLabel(/^Date of birth/).fill('1988-04-12');
  await page.getByLabel('Email').fill('not an email');
  await page.getByRole('button', { name: 'Add client' }).click();
  await page.getByText('Enter an email address like name@example.org.').waitFor();
  await j.check(page, 'new-client-error');
  await page.getByLabel('Email').fill('jordan@example.org');
  await page.getByRole('button', { name: 'Add client' }).click();
  await page.waitForURL(/\/clients\/[0-9a-f-]+\/overview$/);
  await page.getByRole('heading', { name: 'Jordan Ellis' }).waitFor();
  // A client's name never becomes the tab's title (browser history keeps titles).
  assert.doesNotMatch(await page.title(), /Jordan|Ellis/);
  const clientUrl = new URL(page.url()).pathname.replace(/\/overview$/, '');
  await j.check(page, 'client-overview');
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Phone').first().fill('+1 415 555 0134');
  await page.getByRole('textbox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Inactive' }).click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('+1 415 555 0134').waitFor();
  await page.getByText('Inactive', { exact: true }).first().waitFor();
  await j.check(page, 'client-edited');
  await page.getByRole('link', { name: 'Access report' }).click();
  await page.getByRole('table', { name: 'Access report' }).waitFor();
  await j.check(page, 'client-access-report');

  // The list: search as you type, and an empty result said plainly.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Clients' })
    .click();
  await page.getByRole('heading', { name: 'Clients' }).waitFor();
  // Jordan is inactive now: the list shows active clients unless asked otherwise.
  await page.getByText('No active clients. Choose “All statuses” to see the others.').waitFor();
  await page.getByRole('textbox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'All statuses' }).click();
  await page.getByLabel('Search').fill('jor');
  await page
    .getByRole('table', { name: 'Clients' })
    .getByRole('link', { name: 'Jordan Ellis' })
    .waitFor();
  await j.check(page, 'client-list-search');
  await page.getByLabel('Search').fill('zzz');
  await page.getByText('No client matches “zzz”.').waitFor();

  const associate = await accept(associateUrl);
  await j.check(associate, 'associate-today');
  await associate.goto(clientUrl);
  await associate.getByRole('heading', { name: 'This client is not in your care' }).waitFor();
  await associate.getByRole('button', { name: 'Emergency access…' }).click();
  const dialog = associate.getByRole('dialog', { name: 'Emergency access' });
  await dialog
    .getByLabel(/Why do you need this record now/)
    .fill('Client called in crisis, their clinician is away');
  await j.check(associate, 'break-glass-dialog');
  await dialog.getByRole('button', { name: 'Open the record for one hour' }).click();
  await associate.getByRole('heading', { name: 'Jordan Ellis' }).waitFor();
  await j.check(associate, 'break-glass-open');

  const frontDesk = await accept(frontDeskUrl);
  const nav = frontDesk.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Clients' }).waitFor();
  assert.equal(await nav.getByRole('link', { name: 'Administration' }).count(), 0);
  await j.check(frontDesk, 'front-desk-today');
  await frontDesk.goto('/admin/staff');
  await frontDesk.getByRole('heading', { name: 'Not available to your role' }).waitFor();
  await j.check(frontDesk, 'front-desk-no-admin');
  // On a phone the navigation moves above the screen.
  await frontDesk.setViewportSize({ width: 390, height: 800 });
  await frontDesk.goto('/clients');
  await frontDesk.getByRole('heading', { name: 'Clients' }).waitFor();
  await j.check(frontDesk, 'front-desk-phone');

  // The practice's alerts now show the emergency access to the admin, on Today.
  await page.goto('/today');
  await page
    .getByText(/emergency|break-glass/i)
    .first()
    .waitFor();
  await j.check(page, 'admin-today-alert');
  await page.getByRole('button', { name: 'Mark reviewed' }).first().click();
  await page.getByText('No open alerts. All clear.').waitFor();
  assert.ok(admin.email);

  // A role change ends the person's sessions: their next request leads to the signed-out page.
  await page.goto('/admin/staff');
  await page.getByRole('button', { name: 'Actions for Sam Lee' }).click();
  await page.getByRole('menuitem', { name: 'Change role…' }).click();
  const roleDialog = page.getByRole('dialog', { name: /Change Sam Lee's role/ });
  await roleDialog.getByRole('textbox', { name: 'New role' }).click();
  await page.getByRole('option', { name: 'Biller', exact: true }).click();
  await j.check(page, 'change-role');
  await roleDialog.getByRole('button', { name: 'Change role' }).click();
  await roleDialog.waitFor({ state: 'hidden' });
  await page
    .getByRole('row', { name: /Sam Lee/ })
    .getByText('Biller')
    .waitFor();
  await frontDesk
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Today' })
    .click();
  await frontDesk
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Clients' })
    .click();
  await frontDesk.waitForURL('**/signed-out?reason=expired');
  await frontDesk.getByText('Your session has ended. Please sign in again to continue.').waitFor();
  await j.check(frontDesk, 'front-desk-session-ended');
});
