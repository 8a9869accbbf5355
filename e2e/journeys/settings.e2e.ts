import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { newPractice } from '../api.ts';
import { Journey } from '../harness.ts';

let j: Journey;
before(async () => {
  j = await Journey.start('settings');
});
after(() => j.close());

test('admin changes practice settings and the IP allowlist, reads the audit log by action, exports CSV', async () => {
  const { context, page } = await j.person();
  await newPractice(context, 'settings');

  await page.goto('/admin/practice');
  await page.getByRole('heading', { name: 'Practice settings' }).waitFor();
  await j.check(page, 'settings');
  await page.getByLabel(/^Practice name/).fill('Birchwood Counselling & Wellness');
  await page.getByLabel(/^Sign out after inactivity/).fill('20');
  await page.getByLabel('Privacy officer email').fill('privacy@birchwood.test');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).first().waitFor();
  // The header follows the new name.
  await page.getByRole('banner').getByText('Birchwood Counselling & Wellness').waitFor();
  await j.check(page, 'settings-saved');

  const address = (await page.getByTestId('current-address').textContent()) ?? '';
  assert.match(address, /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
  // A list without this address would lock the admin out: the server says so, in place.
  await page.getByLabel('Address or range').fill('203.0.113.0/24');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('button', { name: 'Save allowlist' }).click();
  await page.getByText(/would lock you out/).waitFor();
  await j.check(page, 'allowlist-refused');
  await page.getByRole('button', { name: `Add my address (${address})` }).click();
  await page.getByRole('button', { name: 'Save allowlist' }).click();
  await page.getByRole('list', { name: 'Allowed addresses' }).getByText(address).waitFor();
  await page.getByRole('status').filter({ hasText: 'Allowlist saved.' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Save allowlist' }).isDisabled(), true);
  await j.check(page, 'allowlist-saved');

  await page
    .getByRole('navigation', { name: 'Administration' })
    .getByRole('link', { name: 'Audit log' })
    .click();
  await page.getByRole('table', { name: 'Audit events' }).waitFor();
  await j.check(page, 'audit-log');
  await page.getByRole('textbox', { name: 'Action' }).fill('IP allowlist');
  await page.getByRole('option', { name: /IP allowlist changed/ }).click();
  const rows = page.getByRole('table', { name: 'Audit events' }).locator('tbody tr');
  await page.waitForFunction(() =>
    [...document.querySelectorAll('table[aria-label="Audit events"] tbody tr')].every((r) =>
      r.textContent?.includes('IP allowlist changed'),
    ),
  );
  // One refused save (audited as denied) and one that went through.
  assert.ok((await rows.count()) >= 1);
  await j.check(page, 'audit-filtered');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^hearth-audit-.*\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  const [header, ...lines] = csv.trim().split('\n');
  assert.match(header ?? '', /^id,occurredAt,actorType,actorUserId,actorRole,actorLabel/);
  assert.ok(lines.length >= 1);
  assert.ok(
    lines.every((l) => l.includes('practice.ip_allowlist.changed')),
    'the export has the same filter',
  );

  const admin = page.getByRole('navigation', { name: 'Administration' });
  await admin.getByRole('link', { name: 'Alerts' }).click();
  await page.getByRole('heading', { name: 'Security alerts' }).waitFor();
  await j.check(page, 'alerts');
  await admin.getByRole('link', { name: 'Outbox' }).click();
  await page.getByRole('heading', { name: 'Outbox' }).waitFor();
  await j.check(page, 'outbox');
  await admin.getByRole('link', { name: 'Agreements' }).click();
  await page.getByRole('heading', { name: 'Agreements and guides' }).waitFor();
  await j.check(page, 'agreements');
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /signed BAA/ }).click(),
  ]);
  assert.equal(
    readFileSync(await pdf.path())
      .subarray(0, 5)
      .toString(),
    '%PDF-',
  );

  // Without a connection the screen says so and offers to try again.
  await context.setOffline(true);
  await admin.getByRole('link', { name: 'Outbox' }).click();
  await page.getByText("Hearth can't be reached right now.", { exact: false }).waitFor();
  await j.check(page, 'offline');
  await context.setOffline(false);
  await page.getByRole('button', { name: 'Try again' }).click();
  // The one message so far: the notice that the admin's authenticator was added at sign-up.
  await page.getByText('A sign-in method was added to your Hearth account').waitFor();
});
