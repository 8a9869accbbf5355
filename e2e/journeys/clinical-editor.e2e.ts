// The note editor under strain, and the record's other parts: a treatment plan's problems
// typed with the keyboard, autosave through a lost connection, two tabs in conflict with
// nothing lost, an addendum; documents refused by type, an image previewed, a document
// deleted; the biller reading diagnoses without changing them.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { call, newPractice } from '../api.ts';
import { checkSettled, colleague, newClient } from '../clinical-scene.ts';
import { Journey } from '../harness.ts';

let j: Journey;
before(async () => {
  j = await Journey.start('clinical-editor');
});
after(() => j.close());

// A 2×2 PNG (red, green, blue, white).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

test('treatment plan, offline autosave, conflict, addendum; documents; the biller', async () => {
  const { context, page } = await j.person();
  await newPractice(context, 'clinical-editor');
  await call(context, 'PATCH', '/practice', { mfaRequired: false });
  const clientId = await newClient(context, { firstName: 'Tomas', lastName: 'Varga' });
  await call(context, 'POST', `/clients/${clientId}/diagnoses`, { code: 'F43.10' });
  await call(context, 'POST', `/clients/${clientId}/diagnoses`, { code: 'F51.01' });
  await call(context, 'POST', `/clients/${clientId}/insurance`, {
    priority: 'primary',
    payerName: 'Lakeside Mutual',
    memberId: 'LM 220 118',
  });

  // A diagnosis resolved on a date, reopened; another removed as entered in error.
  await page.goto(`/clients/${clientId}/records`);
  await page.getByRole('button', { name: 'More for F51.01' }).click();
  await page.getByRole('menuitem', { name: 'Resolve…' }).click();
  const resolve = page.getByRole('dialog', { name: 'Resolve F51.01' });
  await resolve.getByLabel(/^Resolved on/).fill('2026-11-20');
  await checkSettled(j, page, 'resolve-dialog');
  await resolve.getByRole('button', { name: 'Resolve' }).click();
  const resolved = page.getByRole('list', { name: 'Resolved diagnoses' });
  await resolved.getByText('Resolved Nov 20, 2026').waitFor();
  await checkSettled(j, page, 'diagnosis-resolved');
  await resolved.getByRole('button', { name: 'More for F51.01' }).click();
  await page.getByRole('menuitem', { name: 'Reopen' }).click();
  const activeList = page.getByRole('list', { name: 'Active diagnoses' });
  await activeList.getByText('F51.01').waitFor();
  await activeList.getByRole('button', { name: 'More for F51.01' }).click();
  await page.getByRole('menuitem', { name: 'Remove (entered in error)…' }).click();
  await page
    .getByRole('dialog', { name: 'Remove F51.01?' })
    .getByRole('button', { name: 'Remove, entered in error' })
    .click();
  await page.getByRole('dialog', { name: 'Remove F51.01?' }).waitFor({ state: 'hidden' });
  assert.equal(await page.getByText('F51.01').count(), 0);

  // A treatment plan: problems → goals → objectives → interventions, by keyboard.
  await page.goto(`/clients/${clientId}/notes`);
  await page.getByRole('button', { name: 'New note' }).click();
  const dialog = page.getByRole('dialog', { name: 'New note' });
  await dialog.getByRole('textbox', { name: 'Template' }).click();
  await page.getByRole('option', { name: 'Treatment plan' }).click();
  await dialog.getByRole('button', { name: 'Start writing' }).click();
  await page.getByRole('heading', { name: 'Treatment plan' }).waitFor();
  await page.getByRole('button', { name: 'Add a problem' }).click();
  await page
    .getByRole('textbox', { name: /^Problem 1\s*\*?$/ })
    .fill('Intrusive memories after the accident');
  const goal1 = page.getByRole('textbox', { name: 'Problem 1 goal 1' });
  await goal1.fill('Fewer nightmares');
  await goal1.press('Enter');
  const goal2 = page.getByRole('textbox', { name: 'Problem 1 goal 2' });
  assert.equal(await goal2.evaluate((el) => el === document.activeElement), true);
  await page.keyboard.type('Drive to work again');
  await page
    .getByRole('textbox', { name: 'Problem 1 objective 1' })
    .fill('PCL-5 below 33 in 12 weeks');
  await page
    .getByRole('textbox', { name: 'Problem 1 intervention 1' })
    .fill('Prolonged exposure, weekly');
  await page.getByLabel(/^Review date/).fill('2027-03-01');
  await page
    .getByTestId('save-state')
    .getByText(/Saved at \d/)
    .waitFor();
  await checkSettled(j, page, 'treatment-plan');

  // The connection drops while typing: the indicator says so and the text stays; it saves
  // when the connection is back.
  await context.setOffline(true);
  await page
    .getByRole('textbox', { name: 'Problem 1 intervention 1' })
    .fill('Prolonged exposure, weekly, 12 sessions');
  await page.getByText('Couldn’t save — retrying. Your text is kept here.').waitFor();
  await checkSettled(j, page, 'autosave-offline');
  await context.setOffline(false);
  await page.getByRole('button', { name: 'Try now' }).click();
  await page
    .getByTestId('save-state')
    .getByText(/Saved at \d/)
    .waitFor();

  // Two tabs: the one saved last explains the conflict; nothing typed is lost.
  const other = await context.newPage();
  await j.watch(other);
  await other.goto(page.url());
  await other.getByRole('textbox', { name: 'Problem 1 goal 2' }).fill('Drive to work again, alone');
  await other
    .getByTestId('save-state')
    .getByText(/Saved at \d/)
    .waitFor();
  await page
    .getByRole('textbox', { name: 'Problem 1 objective 1' })
    .fill('PCL-5 below 30 in 12 weeks');
  await page.getByText('This note changed elsewhere').waitFor();
  await checkSettled(j, page, 'conflict');
  await page.getByRole('button', { name: 'Reload the note' }).click();
  await page.getByText('Your unsaved text').waitFor();
  assert.equal(
    await page.getByRole('textbox', { name: 'Problem 1 goal 2' }).inputValue(),
    'Drive to work again, alone',
    'the saved version is shown',
  );
  await page.getByText('PCL-5 below 30 in 12 weeks').waitFor();
  await checkSettled(j, page, 'conflict-reloaded');
  await other.close();
  await page.getByRole('button', { name: 'I have what I need — dismiss' }).click();

  // Signed, then amended by an addendum signed as it is added.
  await page.getByRole('button', { name: 'Sign note…' }).click();
  await page.getByRole('button', { name: 'Sign and lock' }).click();
  await page.getByText('Signed and locked', { exact: true }).waitFor();
  await page.getByText('Intrusive memories after the accident').waitFor();
  await page.getByRole('button', { name: 'Add addendum' }).click();
  await page.getByLabel(/^Addendum/).fill('Client asked to add a goal about sleep; see next plan.');
  await page.getByRole('button', { name: 'Sign and add' }).click();
  await page.getByText(/^Signed by Rowan Birch,/).waitFor();
  await page.getByRole('list', { name: 'Note history' }).getByText('Addendum added').waitFor();
  await checkSettled(j, page, 'addendum');
  // On a phone the note's side panels go below it.
  await page.setViewportSize({ width: 390, height: 800 });
  await checkSettled(j, page, 'signed-note-phone');
  await page.setViewportSize({ width: 1280, height: 860 });

  // Documents: a type Hearth does not keep is refused in place; an image is previewed; a
  // document is deleted after a warning.
  await page.goto(`/clients/${clientId}/documents`);
  const pick = async (name: string, mimeType: string, buffer: Buffer) => {
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Choose files…' }).click(),
    ]);
    await chooser.setFiles({ name, mimeType, buffer });
  };
  await pick(
    'archive.zip',
    'application/zip',
    Buffer.from('PK\u0003\u0004 not a document', 'latin1'),
  );
  const refused = page.getByRole('group', { name: 'Upload of archive.zip' });
  await refused.getByText(/Hearth keeps PDF, PNG, JPEG, HEIC, Word/).waitFor();
  await checkSettled(j, page, 'upload-refused');
  // Over the practice's limit: the server's 413 says what to do.
  await call(context, 'PATCH', '/practice', { documentSizeLimitBytes: 1024 * 1024 });
  await pick(
    'big-scan.pdf',
    'application/pdf',
    Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(1536 * 1024)]),
  );
  await page
    .getByRole('group', { name: 'Upload of big-scan.pdf' })
    .getByText(/larger than this practice's limit of 1 MB/)
    .waitFor();
  await pick('scan.png', 'image/png', PNG);
  await page.getByRole('table', { name: 'Documents' }).getByText('scan.png').waitFor();
  await page.getByRole('button', { name: 'Preview scan.png' }).click();
  const img = page.getByRole('dialog').getByRole('img', { name: 'scan.png' });
  await img.waitFor();
  await page.waitForFunction(
    () => (document.querySelector('.image-preview') as HTMLImageElement | null)?.naturalWidth === 2,
  );
  await checkSettled(j, page, 'image-preview');
  await page.keyboard.press('Escape');
  // Dropped onto the zone rather than chosen.
  const dropped = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(
      new File(['Letter from the school counsellor.'], 'letter.txt', { type: 'text/plain' }),
    );
    return dt;
  });
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
  await page.getByRole('table', { name: 'Documents' }).getByText('letter.txt').waitFor();
  assert.equal(
    await page.getByRole('button', { name: 'Preview letter.txt' }).count(),
    0,
    'text downloads',
  );
  await page.getByRole('button', { name: 'More for scan.png' }).click();
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  await page
    .getByRole('dialog', { name: 'Delete scan.png?' })
    .getByText(/keys are destroyed/)
    .waitFor();
  await checkSettled(j, page, 'delete-confirm');
  await page.getByRole('button', { name: 'Delete for good' }).click();
  const table = page.getByRole('table', { name: 'Documents' });
  await table.getByText('scan.png').waitFor({ state: 'detached' });
  await table.getByText('letter.txt').waitFor();

  // The biller reads diagnoses and keeps insurance; no note, no change to a diagnosis.
  const biller = await colleague(j, context, { name: 'Dana Wolfe', role: 'biller' });
  const b = biller.page;
  await b.goto(`/clients/${clientId}/records`);
  await b.getByRole('list', { name: 'Active diagnoses' }).getByText('F43.10').waitFor();
  await b.getByRole('heading', { name: 'Insurance' }).waitFor();
  assert.equal(await b.getByRole('textbox', { name: 'Search ICD-10-CM' }).count(), 0);
  assert.equal(await b.getByRole('button', { name: /^Move / }).count(), 0);
  assert.equal(
    await b
      .getByRole('navigation', { name: 'Client record' })
      .getByRole('link', { name: 'Notes' })
      .count(),
    0,
  );
  await checkSettled(j, b, 'biller-records');
  await b.getByRole('button', { name: 'Actions for the Lakeside Mutual policy' }).click();
  await b.getByRole('menuitem', { name: 'Mark inactive' }).click();
  await b.getByText('Inactive (was primary)').waitFor();
  await b.getByRole('button', { name: 'Actions for the Lakeside Mutual policy' }).click();
  await b.getByRole('menuitem', { name: 'Delete (entered in error)…' }).click();
  await b.getByRole('button', { name: 'Delete, entered in error' }).click();
  await b.getByText('No insurance on file (self-pay).').waitFor();

  // A biller's view of the record has no pronouns and no emergency contact: the overview shows
  // what it has (it used to throw on the missing emergency contact).
  await b.goto(`/clients/${clientId}/overview`);
  await b.getByRole('heading', { name: 'Demographics' }).waitFor();
  assert.equal(await b.getByRole('heading', { name: 'Emergency contact' }).count(), 0);
  assert.equal(await b.getByText('Pronouns').count(), 0);
  await checkSettled(j, b, 'biller-overview');
});
