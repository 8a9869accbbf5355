// The journey, on one practice: a client with a diagnosis chosen by ICD-10 search, a
// note written and signed, an edit refused, the note unlocked with a reason and signed again,
// a PDF uploaded and previewed, and all of it in the audit log, filtered by the client.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call, newPractice } from '../api.ts';
import { checkSettled, newClient, samplePdf } from '../clinical-scene.ts';
import { Journey } from '../harness.ts';

let j: Journey;
before(async () => {
  j = await Journey.start('clinical');
});
after(() => j.close());

test('diagnosis, note signed, edit refused, unlock, signed again, PDF previewed, audit log', async () => {
  const { context, page } = await j.person();
  // pdf.js and its worker must load only when a PDF is opened, from Hearth's own assets.
  const pdfjs: string[] = [];
  context.on('request', (r) => {
    if (/PdfPreview|pdf\.worker/.test(r.url())) pdfjs.push(r.url());
  });
  await newPractice(context, 'clinical');
  const admin = (await call(context, 'GET', '/me')) as { user: { id: string } };
  await call(context, 'PATCH', `/users/${admin.user.id}`, { credentials: 'LCSW' });
  const clientId = await newClient(context, { firstName: 'Noor', lastName: 'Haddad' });

  // A diagnosis by ICD-10 search: words as one types, the list of billable codes.
  await page.goto(`/clients/${clientId}/records`);
  await page.getByRole('heading', { name: 'Diagnoses', exact: true }).waitFor();
  await page.getByText('No insurance on file (self-pay).').waitFor();
  await checkSettled(j, page, 'records-empty');
  const search = page.getByRole('textbox', { name: 'Search ICD-10-CM' });
  // A category typed as a code goes to the server, whose answer says what to choose instead.
  await search.fill('F41');
  await page.getByRole('option', { name: /F41\.1/ }).waitFor();
  await search.press('Enter');
  await page.getByText(/F41 is a category; choose a specific code/).waitFor();
  await checkSettled(j, page, 'diagnosis-not-billable');
  await search.fill('generalized anx');
  await page.getByRole('option', { name: /F41\.1 Generalized anxiety disorder/ }).click();
  await page.getByRole('button', { name: 'Add diagnosis' }).click();
  const active = page.getByRole('list', { name: 'Active diagnoses' });
  await active.getByText('Generalized anxiety disorder').waitFor();
  await search.fill('f33.1');
  await page.getByRole('option', { name: /^F33\.1 / }).waitFor();
  await page.waitForFunction(
    () => !document.querySelector('[role="option"][data-combobox-disabled]'),
  );
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Add diagnosis' }).click();
  await active.getByText(/Major depressive disorder, recurrent, moderate/).waitFor();
  // The second one becomes primary, by keyboard.
  await page.getByRole('button', { name: 'Move F33.1 up' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText('F33.1 is now the primary diagnosis.').waitFor();
  assert.match((await active.locator('li').first().textContent()) ?? '', /Primary.*F33\.1/);
  // The keyboard stays on the moved diagnosis (its "up" button is now disabled).
  await page.waitForFunction(
    () => document.activeElement?.getAttribute('aria-label') === 'Move F33.1 down',
  );
  await checkSettled(j, page, 'diagnoses-ranked');

  // A SOAP note, written in the editor, saved as one types.
  await page.getByRole('link', { name: 'Notes', exact: true }).click();
  await page.getByText('No notes yet.').waitFor();
  await page.getByRole('button', { name: 'New note' }).click();
  const dialog = page.getByRole('dialog', { name: 'New note' });
  await dialog.getByRole('textbox', { name: 'Template' }).waitFor();
  await checkSettled(j, page, 'new-note');
  await dialog.getByRole('button', { name: 'Start writing' }).click();
  await page.waitForURL(/\/notes\/[0-9a-f-]+$/);
  const noteUrl = new URL(page.url()).pathname;
  await page.getByRole('heading', { name: 'SOAP progress note' }).waitFor();
  assert.doesNotMatch(await page.title(), /Noor|Haddad/);
  await page.getByLabel(/^Subjective/).fill('Reports sleeping better; fewer worries at work.');
  await page.getByLabel(/^Objective/).fill('Calm, well groomed, good eye contact.');
  await page.getByLabel(/^Assessment/).fill('Anxiety improving with CBT.');
  await page.getByLabel(/^Plan/).fill('Continue weekly sessions.');
  await page
    .getByTestId('save-state')
    .getByText(/Saved at \d/)
    .waitFor();
  await checkSettled(j, page, 'note-draft-saved');

  // A second tab still shows the draft.
  const stale = await context.newPage();
  await j.watch(stale);
  await stale.goto(noteUrl);
  await stale.getByLabel(/^Plan/).waitFor();

  await page.getByRole('button', { name: 'Sign note…' }).click();
  await page
    .getByRole('dialog', { name: 'Sign this note?' })
    .getByText(/Signing locks the note/)
    .waitFor();
  await checkSettled(j, page, 'sign-confirm');
  await page.getByRole('button', { name: 'Sign and lock' }).click();
  await page.getByText('Signed and locked', { exact: true }).waitFor();
  await page.getByText(/Signed: Rowan Birch, LCSW/).waitFor();
  await checkSettled(j, page, 'note-signed');

  // Editing it from the other tab is refused, and the server's words say why.
  await stale.getByLabel(/^Plan/).fill('Continue weekly sessions; add sleep diary.');
  await stale.getByText(/This note is signed and locked\. Unlock it with a reason/).waitFor();
  await checkSettled(j, stale, 'edit-refused');
  await stale.getByRole('button', { name: 'Show the signed note' }).click();
  await stale.getByText('Signed and locked', { exact: true }).waitFor();
  await stale.getByText('Your unsaved text').waitFor();
  await stale.getByText('Continue weekly sessions; add sleep diary.').waitFor();
  await checkSettled(j, stale, 'edit-refused-text-kept');
  await stale.close();

  // Unlock: a reason and UNLOCK typed.
  await page.getByRole('button', { name: 'Unlock…' }).click();
  const unlock = page.getByRole('dialog', { name: 'Unlock this signed note' });
  await unlock.getByLabel(/Why does this note need to change/).fill('Plan missed the sleep diary');
  assert.equal(await unlock.getByRole('button', { name: 'Unlock note' }).isDisabled(), true);
  await unlock.getByLabel(/Type UNLOCK to confirm/).fill('UNLOCK');
  await checkSettled(j, page, 'unlock-dialog');
  await unlock.getByRole('button', { name: 'Unlock note' }).click();
  await unlock.waitFor({ state: 'hidden' });
  await page.getByLabel(/^Plan/).fill('Continue weekly sessions; add sleep diary.');
  await page
    .getByTestId('save-state')
    .getByText(/Saved at \d/)
    .waitFor();
  await page.getByRole('button', { name: 'Sign note…' }).click();
  await page.getByRole('button', { name: 'Sign and lock' }).click();
  await page.getByText('Signed and locked', { exact: true }).waitFor();
  const history = page.getByRole('list', { name: 'Note history' });
  await history.getByText('Unlocked').waitFor();
  // Two signatures: the first, kept, and the one after the unlock.
  await history.getByText('Signed', { exact: true }).nth(1).waitFor();
  assert.equal(await history.getByText('Signed', { exact: true }).count(), 2);
  await checkSettled(j, page, 'signed-again');
  await history.getByRole('button', { name: /^Open: Unlocked/ }).click();
  await page.getByRole('dialog').getByText('Plan missed the sleep diary').waitFor();
  await checkSettled(j, page, 'history-unlock-reason');
  await page.keyboard.press('Escape');

  // A PDF uploaded (with progress) and previewed with pdf.js.
  await page.getByRole('link', { name: '← Client’s notes' }).click();
  await page.getByRole('table', { name: 'Notes' }).getByText('Signed', { exact: true }).waitFor();
  await checkSettled(j, page, 'notes-tab');
  await page.getByRole('link', { name: 'Documents' }).click();
  await page.getByText('No documents yet.').waitFor();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Choose files…' }).click(),
  ]);
  await chooser.setFiles({
    name: 'referral-letter.pdf',
    mimeType: 'application/pdf',
    buffer: await samplePdf(),
  });
  await page.getByRole('table', { name: 'Documents' }).getByText('referral-letter.pdf').waitFor();
  const upload = page.getByRole('group', { name: 'Upload of referral-letter.pdf' });
  await upload.getByText('Uploaded', { exact: true }).waitFor();
  assert.equal(await upload.getByRole('progressbar').getAttribute('aria-valuenow'), '100');
  await checkSettled(j, page, 'document-uploaded');
  assert.equal(pdfjs.length, 0, 'no pdf.js before a PDF is opened');
  await page.getByRole('button', { name: 'Preview referral-letter.pdf' }).click();
  await page.locator('.pdf-pages canvas[data-rendered="true"]').first().waitFor();
  assert.equal(await page.locator('.pdf-pages canvas').count(), 2);
  assert.equal(pdfjs.length, 2, pdfjs.join(' '));
  const origin = new URL(page.url()).origin;
  assert.ok(
    pdfjs.every((u) => u.startsWith(`${origin}/assets/`) && u.endsWith('.js')),
    pdfjs.join(' '),
  );
  await checkSettled(j, page, 'pdf-preview');
  await page.keyboard.press('Escape');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download referral-letter.pdf' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'referral-letter.pdf');

  // Everything above, in the audit log, filtered by the client.
  await page.goto('/admin/audit');
  await page.getByRole('table', { name: 'Audit events' }).waitFor();
  await page.getByRole('textbox', { name: 'Client' }).fill('Noor');
  await page.getByRole('option', { name: 'Noor Haddad' }).click();
  const events = page.getByRole('table', { name: 'Audit events' });
  // Actions in words (the code is only the cell's title).
  await events.getByText('Document uploaded').first().waitFor();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('table[aria-label="Audit events"] tbody tr')].every(
      (r) => !r.textContent?.includes('Signed in'),
    ),
  );
  for (const action of ['Note unlocked', 'Note signed', 'Note started', 'Diagnosis added']) {
    while ((await events.getByText(action, { exact: false }).count()) === 0) {
      await page.getByRole('button', { name: 'Load more' }).click();
      await page.waitForTimeout(300);
    }
  }
  await events.getByText('Note unlocked').first().scrollIntoViewIfNeeded();
  await checkSettled(j, page, 'audit-log-client');
});
