// The chart-per-role pass: every role opens the same client's chart and sees it (each role's
// answer of GET /clients/:id/chart has its own shape), asking the server for nothing it would
// refuse. Tab addresses a role may not see, or that do not exist, land on the overview once,
// saying why; the same for Administration's sections.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { call, newPractice } from '../api.ts';
import { colleague, newClient } from '../clinical-scene.ts';
import { Journey } from '../harness.ts';

let j: Journey;
before(async () => {
  j = await Journey.start('chart-roles');
});
after(() => j.close());

/** Every answer the page got that the server refused (403), as "METHOD path". */
function watchRefusals(page: Page): string[] {
  const refused: string[] = [];
  page.on('response', (res) => {
    if (res.status() === 403)
      refused.push(`${res.request().method()} ${new URL(res.url()).pathname}`);
  });
  return refused;
}

async function openChart(page: Page, clientId: string, role: string) {
  const refused = watchRefusals(page);
  await page.goto(`/clients/${clientId}`);
  await page.getByRole('heading', { level: 1, name: 'Ines Moreau' }).waitFor();
  await page.getByRole('heading', { name: 'At a glance' }).waitFor();
  await page.getByText('Next appointments').waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(await page.getByText('Something went wrong').count(), 0, `${role}: error screen`);
  assert.match(new URL(page.url()).pathname, new RegExp(`/clients/${clientId}/overview$`));
  assert.deepEqual(refused, [], `${role}: requests the server refused`);
  await j.check(page, `chart-${role}`);
}

/** A tab address the role may not use lands on the overview once, with a line saying why. */
async function openTab(page: Page, clientId: string, tab: string, role: string) {
  await page.goto(`/clients/${clientId}/${tab}`);
  await page.getByRole('heading', { level: 1, name: 'Ines Moreau' }).waitFor();
  await page.getByText(/is not available|does not exist/).waitFor();
  await page.waitForTimeout(300);
  assert.equal(new URL(page.url()).pathname, `/clients/${clientId}/overview`, `${role} ${tab}`);
  await j.check(page, `tab-${tab.replaceAll('/', '-')}-${role}`);
}

test('every role opens a chart; unknown and forbidden tabs land on the overview once', async () => {
  const { context: adminContext, page: admin } = await j.person();
  await newPractice(adminContext, 'chart-roles');
  await call(adminContext, 'PATCH', '/practice', { mfaRequired: false });
  const supervisor = await colleague(j, adminContext, { name: 'Sam Okafor', role: 'supervisor' });
  const associate = await colleague(j, adminContext, {
    name: 'Alex Morgan',
    role: 'associate',
    supervisorId: supervisor.id,
  });
  const biller = await colleague(j, adminContext, { name: 'Kim Doyle', role: 'biller' });
  const frontDesk = await colleague(j, adminContext, { name: 'Lee Park', role: 'front_desk' });
  const clientId = await newClient(adminContext, {
    firstName: 'Ines',
    lastName: 'Moreau',
    clinicianIds: [associate.id, supervisor.id],
  });
  await call(adminContext, 'POST', `/clients/${clientId}/diagnoses`, { code: 'F43.10' });
  const start = new Date(Date.now() + 50 * 3600_000);
  await call(adminContext, 'POST', '/appointments', {
    clientId,
    clinicianId: associate.id,
    start: start.toISOString(),
    end: new Date(start.getTime() + 50 * 60_000).toISOString(),
    kind: 'in_person',
    serviceCode: '90834',
  });

  const people: [string, Page][] = [
    ['admin', admin],
    ['supervisor', supervisor.page],
    ['associate', associate.page],
    ['biller', biller.page],
    ['front-desk', frontDesk.page],
  ];
  for (const [role, page] of people) await openChart(page, clientId, role);

  // What the role's chart shows of the client: diagnoses for the clinical and billing views.
  await biller.page.goto(`/clients/${clientId}/overview`);
  await biller.page.getByText('F43.10').waitFor();
  assert.equal(await frontDesk.page.getByText('F43.10').count(), 0);

  // A link from a colleague with another role, a bookmark, a typo: once to the overview.
  await openTab(frontDesk.page, clientId, 'notes', 'front-desk');
  await openTab(associate.page, clientId, 'access', 'associate');
  await openTab(admin, clientId, 'bogus', 'admin');
  await openTab(biller.page, clientId, 'notes/extra/depth', 'biller');

  // Administration to a role without it: a plain explanation where the address points.
  await associate.page.goto('/admin/audit');
  await associate.page.getByRole('heading', { name: 'Not available to your role' }).waitFor();
  assert.equal(new URL(associate.page.url()).pathname, '/admin/audit');

  // Administration: a heading, and an unknown section lands on the first one once.
  await admin.goto('/admin/bogus');
  await admin.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
  await admin.getByText(/does not exist/).waitFor();
  await admin.waitForTimeout(300);
  assert.equal(new URL(admin.url()).pathname, '/admin/staff');
  await j.check(admin, 'admin-unknown-section');

  // The server's instructions for a missing ICD-10-CM year are for the administrator only.
  const diagnoses = (await call(adminContext, 'GET', `/clients/${clientId}/diagnoses`)) as {
    codeSet: { current: boolean };
  };
  if (!diagnoses.codeSet.current) {
    await associate.page.goto(`/clients/${clientId}/records`);
    await associate.page.getByText(/code set is not loaded yet/).waitFor();
    await associate.page.getByText('Your practice administrator can load it.').waitFor();
    assert.equal(await associate.page.getByText('import-icd10').count(), 0);
    await j.check(associate.page, 'code-set-associate');
    await admin.goto(`/clients/${clientId}/records`);
    await admin.getByText('hearth import-icd10').waitFor();
  }
});

test('a date of birth before 1900 is a field error; a refusal clears once the form changes', async () => {
  const { context, page } = await j.person();
  await newPractice(context, 'chart-dates');
  const clientId = await newClient(context, { firstName: 'Ines', lastName: 'Moreau' });
  await page.goto(`/clients/${clientId}/overview`);
  await page.getByRole('button', { name: 'Edit' }).click();
  const dob = page.getByLabel(/^Date of birth/);
  await dob.fill('1800-01-01');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page
    .getByText('The date of birth must be after January 1, 1900; check the year.')
    .waitFor();
  assert.equal(await page.getByRole('alert').filter({ hasText: 'That did not work' }).count(), 0);
  await j.check(page, 'date-of-birth-1800');

  // A refusal that names no field is a banner, until the person changes something.
  await page.route('**/api/v1/clients/*', (route) =>
    route.request().method() === 'PATCH'
      ? route.fulfill({
          status: 409,
          json: { error: { code: 'conflict', message: 'Someone else changed this record.' } },
        })
      : route.continue(),
  );
  await dob.fill('1985-05-05');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const banner = page.getByRole('alert').filter({ hasText: 'Someone else changed this record.' });
  await banner.waitFor();
  await j.check(page, 'refusal-banner');
  await page.getByLabel('Preferred name').fill('Nessa');
  await banner.waitFor({ state: 'detached' });
  await page.unroute('**/api/v1/clients/*');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('May 5, 1985').first().waitFor();
  await j.check(page, 'saved');
});

test('the sign-in page logs no error for the visitor it expects: no session is not a 401', async () => {
  const { page } = await j.person();
  const logged: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') logged.push(m.text());
  });
  const unauthorized: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 401) unauthorized.push(new URL(r.url()).pathname);
  });
  await page.goto('/today');
  await page.waitForURL('**/sign-in');
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(unauthorized, []);
  assert.deepEqual(logged, []);
  await j.check(page, 'sign-in');
});
