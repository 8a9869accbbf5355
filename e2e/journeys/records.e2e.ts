import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call } from '../api.ts';
import { Journey } from '../harness.ts';
import { schedulingPractice, type Scene } from '../schedule-scene.ts';

let j: Journey;
let scene: Scene;
const LONG_LAST = 'Montgomery-Featherstonehaugh-Cholmondeley-Wolfeschlegelsteinhausen';

before(async () => {
  j = await Journey.start('records');
  scene = await schedulingPractice(j, 'records', { frontDesk: true });
  const admin = scene.admin.context;
  await call(admin, 'PATCH', `/clients/${scene.clientId}`, { phone: '+1 555 0100' });
  await call(admin, 'POST', '/clients', {
    firstName: 'Bartholomew',
    lastName: LONG_LAST,
    dateOfBirth: '1975-06-01',
    phone: '+1 555 0101',
    clinicianIds: [scene.associate.id, scene.admin.id],
  });
  await call(admin, 'POST', '/clients', {
    firstName: 'Casey',
    lastName: 'Aldridge',
    dateOfBirth: '1999-09-09',
  });
  const start = new Date(Date.now() + 3 * 24 * 3_600_000);
  start.setUTCMinutes(0, 0, 0);
  await call(admin, 'POST', '/appointments', {
    clientId: scene.clientId,
    clinicianId: scene.associate.id,
    start: start.toISOString(),
    end: new Date(start.getTime() + 50 * 60_000).toISOString(),
    kind: 'telehealth',
    serviceCode: '90837',
  });
});
after(() => j.close());

const rowOf = (page: Scene['admin']['page'], name: RegExp) =>
  page.getByRole('row').filter({ has: page.getByRole('link', { name }) });

test('the client list: phone, clinician, next appointment; filtered and sorted by clinician', async () => {
  const desk = scene.frontDesk!.page;
  await desk.goto('/clients');
  const table = desk.getByRole('table', { name: 'Clients' });
  await table.waitFor();
  for (const column of ['Phone', 'Clinician', 'Next appointment'])
    await table.getByRole('columnheader', { name: column }).waitFor();
  const jordan = rowOf(desk, /Jordan Ellis/);
  await jordan.getByText('+1 555 0100').waitFor();
  await jordan.getByText('Alex Morgan').first().waitFor();
  assert.doesNotMatch(await jordan.innerText(), /None booked/);
  await rowOf(desk, /Casey Aldridge/)
    .getByText('Unassigned')
    .waitFor();
  // A long name is cut to one line, and the whole of it shows on hover.
  const long = rowOf(desk, /Bartholomew/)
    .locator('.clipped')
    .first();
  const cut = await long.evaluate((el) => el.scrollWidth > el.clientWidth);
  assert.ok(cut, 'the long name is clipped');
  await long.hover();
  await desk.getByRole('tooltip').getByText(LONG_LAST, { exact: false }).waitFor();
  await j.check(desk, 'client-list-columns');

  await desk.getByRole('textbox', { name: 'Sort by' }).click();
  await desk.getByRole('option', { name: 'Clinician' }).click();
  await desk.waitForFunction(() => {
    const names = [...document.querySelectorAll('table[aria-label="Clients"] tbody tr')].map(
      (r) => r.textContent ?? '',
    );
    return names.length === 3 && names[2]!.includes('Casey Aldridge');
  });
  const rows = await table.locator('tbody tr').allInnerTexts();
  assert.match(rows[0]!, /Alex Morgan/);
  assert.match(rows.at(-1)!, /Unassigned/);
  await desk.getByRole('textbox', { name: 'Clinician' }).click();
  await desk.getByRole('option', { name: 'Rowan Birch' }).click();
  await desk.waitForFunction(
    () => document.querySelectorAll('table[aria-label="Clients"] tbody tr').length === 1,
  );
  await rowOf(desk, /Bartholomew/).waitFor();
  await j.check(desk, 'client-list-by-clinician');
});

test('the audit log in words; the access report, one line per visit', async () => {
  const admin = scene.admin.page;
  await admin.setViewportSize({ width: 1440, height: 900 });
  await admin.goto(`/clients/${scene.clientId}/overview`);
  await admin.getByText('Jordan Ellis').first().waitFor();
  await admin.waitForLoadState('networkidle');

  await admin.goto('/admin/audit');
  const log = admin.getByRole('table', { name: 'Audit events' });
  await log.waitFor();
  const opened = log.getByRole('row').filter({ hasText: 'Client record opened' }).first();
  await opened.getByRole('link', { name: 'Jordan Ellis' }).waitFor();
  const text = await log.innerText();
  assert.doesNotMatch(text, /[0-9a-f]{8}-[0-9a-f]{4}-/, 'no ids in the log');
  assert.doesNotMatch(text, /\bclient\.read\b|\baudit\.read\b/, 'no action codes');
  // The six filters on one line at 1440 px.
  const tops = await admin
    .locator('.audit-filters input')
    .evaluateAll((inputs) =>
      inputs
        .filter((i) => (i as HTMLInputElement).type !== 'hidden')
        .map((i) => Math.round(i.getBoundingClientRect().top)),
    );
  assert.equal(tops.length, 6, `six filters: ${tops.join(', ')}`);
  assert.equal(new Set(tops).size, 1, `one line: ${tops.join(', ')}`);
  await j.check(admin, 'audit-log-in-words');

  await admin.goto(`/clients/${scene.clientId}/access`);
  const report = admin.getByRole('table', { name: 'Access report' });
  await report.waitFor();
  const mine = report.getByRole('row').filter({ hasText: 'Rowan Birch' });
  const visits = await mine.allInnerTexts();
  const chartOpened = visits.filter((v) => /Chart opened|Client record opened/.test(v));
  assert.equal(chartOpened.length, 1, `one "chart opened" per visit:\n${visits.join('\n')}`);
  assert.match(chartOpened[0]!, /Chart opened/);
  await j.check(admin, 'access-report-visits');
});
