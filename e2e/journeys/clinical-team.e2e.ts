// The clinical team: an associate documents a session from Today and signs; the note waits in
// the supervisor's co-sign queue and is co-signed. A safety plan is written, read-only, and a
// new plan supersedes it. The front desk keeps insurance but cannot reach a note.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call, newPractice } from '../api.ts';
import { checkSettled, colleague, newClient } from '../clinical-scene.ts';
import { Journey } from '../harness.ts';

let j: Journey;
before(async () => {
  j = await Journey.start('clinical-team');
});
after(() => j.close());

test('co-signature, safety plans, and the front desk kept out of notes', async () => {
  const { context: adminContext } = await j.person();
  await newPractice(adminContext, 'clinical-team');
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
  const frontDesk = await colleague(j, adminContext, { name: 'Lee Park', role: 'front_desk' });
  const clientId = await newClient(adminContext, {
    firstName: 'Ines',
    lastName: 'Moreau',
    clinicianIds: [associate.id],
  });
  // A session yesterday that no note documents yet.
  const start = new Date(Date.now() - 26 * 3600_000);
  await call(adminContext, 'POST', '/appointments', {
    clientId,
    clinicianId: associate.id,
    start: start.toISOString(),
    end: new Date(start.getTime() + 50 * 60_000).toISOString(),
    kind: 'in_person',
    serviceCode: '90834',
    status: 'completed',
  });

  // The associate writes the note from Today: "Write note" for the session, a DAP note.
  const a = associate.page;
  await a.goto('/today');
  const toWrite = a.getByRole('list', { name: 'Sessions without a note' });
  await toWrite.getByText('Ines Moreau').waitFor();
  await checkSettled(j, a, 'associate-today');
  await toWrite.getByRole('button', { name: /^Write note for Ines Moreau/ }).click();
  await a.getByRole('menuitem', { name: 'DAP progress note' }).click();
  await a.getByRole('heading', { name: 'DAP progress note' }).waitFor();
  await a.getByLabel(/^Data/).fill('Client describes a calmer week and one panic episode.');
  await a.getByLabel(/^Assessment/).fill('Panic symptoms decreasing.');
  await a
    .getByTestId('save-state')
    .getByText(/Saved at \d/)
    .waitFor();
  // Signing with a required field empty: the field is named and marked before any dialog.
  await a.getByRole('button', { name: 'Sign note…' }).click();
  await a.getByRole('alert').filter({ hasText: 'Not ready to sign' }).getByText(/plan/i).waitFor();
  assert.equal(await a.getByRole('dialog').count(), 0);
  assert.equal(await a.getByLabel(/^Plan/).getAttribute('aria-invalid'), 'true');
  await checkSettled(j, a, 'sign-incomplete');
  await a.getByLabel(/^Plan/).fill('Continue exposure work; review in two weeks.');
  await a.getByRole('button', { name: 'Sign note…' }).click();
  await a.getByRole('button', { name: 'Sign and lock' }).click();
  await a.getByText('Co-signature: waiting').waitFor();
  await a.getByText('Awaiting co-signature', { exact: true }).waitFor();
  const noteUrl = new URL(a.url()).pathname;
  await checkSettled(j, a, 'associate-signed-pending');
  await a.goto('/today');
  await a.getByText('Every session of the last two weeks has its note.').waitFor();

  // The supervisor sees it from Today, in the co-sign queue, and co-signs it.
  const s = supervisor.page;
  await s.goto('/today');
  await s.getByRole('link', { name: '1 note waiting for your co-signature' }).click();
  await s.waitForURL('**/cosign');
  await s.getByRole('heading', { name: 'Co-sign queue' }).waitFor();
  const queue = s.getByRole('table', { name: 'Notes waiting for co-signature' });
  // The queue names the author and the client, neither of whom the supervisor could look up.
  await queue.getByText('Alex Morgan, LMSW').waitFor();
  await queue.getByText('Ines Moreau').waitFor();
  await checkSettled(j, s, 'cosign-queue');
  await queue.getByRole('link', { name: 'DAP progress note' }).click();
  await s.getByRole('heading', { name: 'DAP progress note' }).waitFor();
  await s.getByText('Client describes a calmer week and one panic episode.').waitFor();
  await s.getByRole('button', { name: 'Co-sign…' }).click();
  await s
    .getByRole('dialog', { name: 'Co-sign this note?' })
    .getByRole('button', { name: 'Co-sign' })
    .click();
  await s.getByText(/Co-signed: Sam Okafor, LCSW/).waitFor();
  await s.getByText('Signed', { exact: true }).first().waitFor();
  await checkSettled(j, s, 'cosigned');
  await s.goto('/cosign');
  await s.getByText('Nothing waiting for your co-signature. All caught up.').waitFor();

  // A safety plan, written by the associate: read-only once saved; a new plan supersedes it.
  await a.goto(`/clients/${clientId}/safety-plans`);
  await a.getByText('No safety plan yet.').waitFor();
  await a.getByRole('button', { name: 'Write a safety plan' }).click();
  await a.getByRole('textbox', { name: 'Professional or agency 1' }).waitFor();
  assert.match(
    await a.getByRole('textbox', { name: 'Professional or agency 1' }).inputValue(),
    /^988 Suicide & Crisis Lifeline/,
  );
  await a.getByRole('textbox', { name: 'Warning sign 1' }).fill('Not sleeping for two nights');
  await a.getByRole('textbox', { name: 'Warning sign 1' }).press('Enter');
  await a.getByRole('textbox', { name: 'Warning sign 2' }).fill('Skipping meals');
  await a.getByRole('textbox', { name: 'Coping strategy 1' }).fill('Walk the dog around the park');
  await a.getByRole('textbox', { name: 'Reason 1' }).fill('My daughter');
  await checkSettled(j, a, 'safety-plan-form');
  await a.getByRole('button', { name: 'Save plan' }).click();
  await a.getByRole('heading', { name: 'Current safety plan' }).waitFor();
  await a.getByText('Filled in by Hearth: the 988 Lifeline.').waitFor();
  await a.getByRole('heading', { name: 'Warning signs' }).waitFor();
  assert.equal(await a.getByRole('button', { name: /edit|delete/i }).count(), 0, 'read-only');
  await checkSettled(j, a, 'safety-plan-current');
  await a.getByRole('button', { name: 'Create a new plan' }).click();
  // The new plan starts from the current one.
  assert.equal(
    await a.getByRole('textbox', { name: 'Warning sign 2' }).inputValue(),
    'Skipping meals',
  );
  await a.getByRole('button', { name: 'Add person', exact: true }).click();
  await a.getByRole('textbox', { name: 'Person 1' }).fill('My sister Claire, 555-0142');
  await a.getByRole('button', { name: 'Save new plan (supersedes the current one)' }).click();
  await a.getByText('My sister Claire, 555-0142').waitFor();
  const earlier = a.getByRole('list', { name: 'Earlier safety plans' });
  await earlier.getByText(/^Superseded on /).waitFor();
  await checkSettled(j, a, 'safety-plan-superseded');
  await earlier.getByRole('button', { name: /^Open the plan of/ }).click();
  const old = a.getByRole('dialog');
  await old.getByText('Walk the dog around the park').waitFor();
  assert.equal(await old.getByText('My sister Claire, 555-0142').count(), 0);
  await checkSettled(j, a, 'safety-plan-earlier');
  await a.keyboard.press('Escape');

  // The front desk: insurance, no diagnoses, no Notes tab, and the note's address refused.
  const f = frontDesk.page;
  await f.goto(`/clients/${clientId}`);
  const tabs = f.getByRole('navigation', { name: 'Client record' });
  await tabs.getByRole('link', { name: 'Insurance', exact: true }).click();
  await f.getByRole('heading', { name: 'Insurance' }).waitFor();
  assert.equal(await f.getByRole('heading', { name: 'Diagnoses' }).count(), 0);
  for (const hidden of ['Notes', 'Documents', 'Safety plans'])
    assert.equal(await tabs.getByRole('link', { name: hidden, exact: true }).count(), 0, hidden);
  await f.getByRole('button', { name: 'Add policy' }).click();
  const form = f.getByRole('dialog', { name: 'Add an insurance policy' });
  await form
    .getByLabel(/^Payer/)
    .first()
    .fill('Blue Harbor Health');
  await form.getByLabel(/^Member ID/).fill('XJH 4471 09');
  assert.equal(
    await form.getByLabel(/^Subscriber’s name/).count(),
    0,
    'self: no subscriber fields',
  );
  await form.getByRole('textbox', { name: 'Subscriber (policy holder)' }).click();
  await f.getByRole('option', { name: 'Spouse or partner' }).click();
  await form.getByLabel(/^Subscriber’s name/).fill('Paul Moreau');
  await form.getByLabel(/^Subscriber’s date of birth/).fill('1984-07-02');
  await checkSettled(j, f, 'front-desk-policy-form');
  await form.getByRole('button', { name: 'Add policy' }).click();
  await f.getByRole('article', { name: 'Primary policy, Blue Harbor Health' }).waitFor();
  await f.getByText(/Paul Moreau \(spouse or partner\)/).waitFor();
  await checkSettled(j, f, 'front-desk-insurance');
  await f.getByRole('button', { name: 'Actions for the Blue Harbor Health policy' }).click();
  await f.getByRole('menuitem', { name: 'Edit…' }).click();
  const edit = f.getByRole('dialog', { name: 'Edit policy' });
  await edit.getByLabel(/^Group number/).fill('GRP-7781');
  await edit.getByRole('button', { name: 'Save policy' }).click();
  await edit.waitFor({ state: 'hidden' });
  await f.getByText('GRP-7781').waitFor();
  await f.goto(noteUrl);
  await f.getByRole('heading', { name: 'Not available to your role' }).waitFor();
  await checkSettled(j, f, 'front-desk-note-refused');
});
