// A working day with notes (issue 16): a long name cut with an ellipsis, not overflowing; an
// intake narrative past the limit refused and said so, never "Saved"; signing an empty note
// marks its fields before any dialog; drafts discarded; a supervisor co-signing with the client,
// author and date in view, the next note offered and the chart open to them; an administrator
// without a primary Co-sign button; a signed note and a safety plan printed and downloaded.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { call, newPractice } from '../api.ts';
import { checkSettled, colleague, newClient } from '../clinical-scene.ts';
import { Journey } from '../harness.ts';

let j: Journey;
before(async () => {
  j = await Journey.start('notes-day');
});
after(() => j.close());

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test('long text and names, signing, discarding, co-signing in context, printing', async () => {
  const { context: adminContext, page: admin } = await j.person();
  await newPractice(adminContext, 'notes-day');
  await call(adminContext, 'PATCH', '/practice', { mfaRequired: false });
  const supervisor = await colleague(j, adminContext, {
    name: 'Sam Okafor',
    role: 'supervisor',
    credentials: 'LCSW',
  });
  const associate = await colleague(j, adminContext, {
    name: 'Alex Morgan',
    role: 'associate',
    credentials: 'LMSW',
    supervisorId: supervisor.id,
  });
  // The longest first name the server takes (100 characters), in one word.
  const longFirst = `Maximiliana${'x'.repeat(89)}`;
  const longId = await newClient(adminContext, {
    firstName: longFirst,
    lastName: 'Quell',
    clinicianIds: [associate.id],
  });
  const clientId = await newClient(adminContext, {
    firstName: 'Ines',
    lastName: 'Moreau',
    clinicianIds: [associate.id],
  });

  // Item 5: the chart heading and the client list cut a long name, whole on hover.
  await admin.goto(`/clients/${longId}`);
  const heading = admin.getByRole('heading', { level: 1 });
  await heading.waitFor();
  assert.equal(await heading.getAttribute('title'), `${longFirst} Quell`);
  assert.ok(await heading.evaluate((el) => el.scrollWidth > el.clientWidth), 'the heading is cut');
  assert.ok(await noSidewaysScroll(admin), 'the chart does not scroll sideways');
  await checkSettled(j, admin, 'long-name-chart');
  await admin.goto('/clients');
  const row = admin.getByRole('link', { name: `${longFirst} Quell` });
  await row.waitFor();
  // Cut to one line; the whole name shows on hover (web/src/ui/Clipped.tsx).
  const clipped = row.locator('.clipped');
  assert.ok(await clipped.evaluate((el) => el.scrollWidth > el.clientWidth), 'the name is cut');
  await clipped.hover();
  await admin.getByRole('tooltip').getByText(`${longFirst} Quell`).waitFor();
  assert.ok(await noSidewaysScroll(admin), 'the client list does not scroll sideways');
  await checkSettled(j, admin, 'long-name-list');

  // Item 6: signing an empty note marks the fields first; no dialog opens.
  const a = associate.page;
  const draft = (await call(associate.context, 'POST', `/clients/${clientId}/notes`, {
    template: 'intake',
    fields: {},
  })) as { id: string };
  await a.goto(`/notes/${draft.id}`);
  await a.getByRole('heading', { name: 'Intake assessment' }).waitFor();
  await a.getByRole('button', { name: 'Sign note…' }).click();
  await a.getByRole('alert').filter({ hasText: 'Not ready to sign' }).waitFor();
  assert.equal(await a.getByRole('dialog').count(), 0, 'no dialog before the fields are filled');
  const presenting = a.getByRole('textbox', { name: /^Presenting problem/ });
  assert.equal(await presenting.getAttribute('aria-invalid'), 'true');
  assert.notEqual(
    await a.getByRole('textbox', { name: /^Diagnostic impressions/ }).getAttribute('aria-invalid'),
    'true',
    'an optional field is not marked',
  );
  assert.ok(await presenting.evaluate((el) => el === document.activeElement), 'focus on it');
  await checkSettled(j, a, 'sign-empty-marks-fields');

  // Item 4: a narrative past the limit is refused whole and said so — never "Saved".
  const history = a.getByRole('textbox', { name: /^History/ });
  await history.fill('Long history. '.repeat(14_286).slice(0, 200_001));
  const counter = a.getByTestId('length-counter').first();
  await counter.waitFor();
  assert.equal(await counter.textContent(), '200,001 / 200,000 characters');
  await a
    .getByRole('alert')
    .filter({ hasText: 'is longer than the 200,000 characters it can hold' })
    .waitFor();
  assert.equal(await a.getByTestId('save-state').textContent(), 'Not saved.');
  assert.equal((await history.inputValue()).length, 200_001, 'nothing is cut in the editor');
  await checkSettled(j, a, 'too-long-not-saved');
  await history.fill('Long history. '.repeat(10_000));
  await a.getByTestId('save-state').filter({ hasText: 'Saved at' }).waitFor();
  const saved = (await call(associate.context, 'GET', `/notes/${draft.id}`)) as {
    fields: { history: string };
  };
  assert.equal(saved.fields.history.length, 140_000, 'the long text is saved whole');
  await checkSettled(j, a, 'long-text-saved');
  // Back to a short history, so that the later pictures stay a page long.
  await history.fill('Grew up in Lyon; no earlier treatment.');

  // The rest filled in: the marks go as each field is filled, and the note is signed.
  await presenting.fill('Panic attacks on the commute since March.');
  assert.notEqual(await presenting.getAttribute('aria-invalid'), 'true');
  await a.getByRole('textbox', { name: /^Mental status/ }).fill('Alert, oriented, anxious.');
  await a.getByRole('textbox', { name: /^Risk assessment/ }).fill('No current risk.');
  await a.getByRole('textbox', { name: /^Plan/ }).fill('Weekly CBT for twelve weeks.');
  await a.getByRole('button', { name: 'Sign note…' }).click();
  const signDialog = a.getByRole('dialog', { name: 'Sign this note?' });
  await signDialog.getByRole('button', { name: 'Sign and lock' }).click();
  await signDialog.waitFor({ state: 'hidden' });
  await a.getByText('Awaiting co-signature').first().waitFor();

  // A second signed note, so that the supervisor has a next one in the queue.
  const second = (await call(associate.context, 'POST', `/clients/${clientId}/notes`, {
    template: 'contact',
    fields: { contactType: 'phone', summary: 'Rescheduled by phone.' },
  })) as { id: string };
  await call(associate.context, 'POST', `/notes/${second.id}/sign`);

  // Item 7: an empty draft goes at once; one with text asks first. Both leave Today.
  const empty = (await call(associate.context, 'POST', `/clients/${clientId}/notes`, {
    template: 'soap',
    fields: {},
  })) as { id: string };
  const written = (await call(associate.context, 'POST', `/clients/${clientId}/notes`, {
    template: 'dap',
    fields: { data: 'Started, never finished.' },
  })) as { id: string };
  await a.goto('/today');
  const drafts = a.getByRole('list', { name: 'My drafts' });
  await drafts.getByRole('link', { name: 'SOAP progress note' }).waitFor();
  await drafts.getByRole('link', { name: 'SOAP progress note' }).click();
  await a.getByRole('button', { name: 'Discard draft' }).click();
  await a.waitForURL('**/today');
  await a.goto(`/notes/${written.id}`);
  await a.getByRole('button', { name: 'Discard draft' }).click();
  const discardDialog = a.getByRole('dialog', { name: 'Discard this draft?' });
  await discardDialog.waitFor();
  await checkSettled(j, a, 'discard-asks-first');
  await discardDialog.getByRole('button', { name: 'Discard draft' }).click();
  await a.waitForURL('**/today');
  await a.getByText('No drafts. Every note you started is signed.').waitFor();
  await checkSettled(j, a, 'today-without-drafts');
  for (const id of [empty.id, written.id]) {
    const r = await a.request.get(`/api/v1/notes/${id}`);
    assert.equal(r.status(), 404);
  }

  // Item 15: the administrator, who does not supervise Alex, gets no primary Co-sign button.
  await admin.goto(`/notes/${draft.id}`);
  await admin.getByRole('button', { name: 'Co-sign as administrator…' }).waitFor();
  assert.equal(await admin.getByRole('button', { name: 'Co-sign…', exact: true }).count(), 0);
  await checkSettled(j, admin, 'admin-no-primary-cosign');

  // Item 9: the supervisor co-signs with the client, author and date in view, then goes on.
  const s = supervisor.page;
  await s.goto('/cosign');
  await s.getByRole('link', { name: 'Intake assessment' }).click();
  const context = s.getByTestId('note-context');
  await context.filter({ hasText: 'Ines Moreau' }).waitFor();
  assert.match(
    (await context.textContent()) ?? '',
    /Ines Moreau · by Alex Morgan · Date of service/,
  );
  await s.getByText('Signed: Alex Morgan, LMSW').waitFor();
  await checkSettled(j, s, 'cosign-in-context');
  await s.getByRole('button', { name: 'Co-sign…', exact: true }).click();
  const cosignDialog = s.getByRole('dialog', { name: 'Co-sign this note?' });
  await cosignDialog.getByRole('button', { name: 'Co-sign' }).click();
  await s.getByText(/^Next in the queue: Ines Moreau, by Alex Morgan/).waitFor();
  await s.getByText('Signed: Alex Morgan, LMSW').waitFor();
  await checkSettled(j, s, 'cosigned-next-offered');
  // The same note on a phone: the context line, the actions and the queue fit its width.
  const wide = s.viewportSize()!;
  await s.setViewportSize({ width: 390, height: 844 });
  assert.ok(await noSidewaysScroll(s), 'the co-signed note does not scroll sideways at 390 px');
  await checkSettled(j, s, 'cosigned-phone');
  await s.setViewportSize(wide);
  await s.getByRole('link', { name: 'Open the next note' }).click();
  await s.getByRole('heading', { name: 'Contact note' }).waitFor();
  await s.getByRole('link', { name: 'Open chart' }).click();
  await s.getByRole('heading', { name: 'Ines Moreau', level: 1 }).waitFor();
  await checkSettled(j, s, 'supervisor-opens-chart');

  // Item 13: the signed note prints without the navigation or buttons, and downloads as a PDF.
  await a.goto(`/notes/${draft.id}`);
  await a.getByText('Co-signed: Sam Okafor, LCSW').waitFor();
  await a.emulateMedia({ media: 'print' });
  assert.equal(await a.locator('.shell-nav').isVisible(), false, 'no navigation in print');
  assert.equal(await a.getByRole('button', { name: 'Print' }).isVisible(), false);
  await a.getByText('Signed: Alex Morgan, LMSW').waitFor();
  await a.screenshot({ path: `${j.dir}/print-note.png`, fullPage: true });
  await a.emulateMedia({ media: 'screen' });
  const [download] = await Promise.all([
    a.waitForEvent('download'),
    a.getByRole('button', { name: 'Download PDF' }).click(),
  ]);
  const pdf = readFileSync((await download.path())!);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.match(download.suggestedFilename(), /^note-.*\.pdf$/);

  await call(associate.context, 'POST', `/clients/${clientId}/safety-plans`, {
    warningSigns: ['Not sleeping for days'],
    reasonsForLiving: ['My daughter'],
  });
  await a.goto(`/clients/${clientId}/safety-plans`);
  await a.getByText('Not sleeping for days').waitFor();
  await checkSettled(j, a, 'safety-plan');
  await a.emulateMedia({ media: 'print' });
  assert.equal(await a.locator('.shell-nav').isVisible(), false);
  assert.equal(await a.getByRole('navigation', { name: 'Client record' }).isVisible(), false);
  await a.screenshot({ path: `${j.dir}/print-safety-plan.png`, fullPage: true });
  await a.emulateMedia({ media: 'screen' });
  const [planDownload] = await Promise.all([
    a.waitForEvent('download'),
    a.getByRole('button', { name: 'Download PDF' }).click(),
  ]);
  assert.equal(
    readFileSync((await planDownload.path())!)
      .subarray(0, 5)
      .toString(),
    '%PDF-',
  );
});
