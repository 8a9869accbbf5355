// Setting the clinical scene through the API (the steps other journeys already cover through
// the screens): clients, colleagues who have accepted their invitations, a PDF to upload.
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import type { BrowserContext, Page } from 'playwright-core';
import { call, PASSWORD } from './api.ts';
import type { Journey } from './harness.ts';

export async function newClient(
  context: BrowserContext,
  client: { firstName: string; lastName: string; clinicianIds?: string[] },
): Promise<string> {
  const c = (await call(context, 'POST', '/clients', {
    dateOfBirth: '1990-03-14',
    ...client,
  })) as { id: string };
  return c.id;
}

export interface Colleague {
  id: string;
  context: BrowserContext;
}

/**
 * A colleague invited by the admin in `adminContext` who has accepted, signed in in a
 * browser context of their own (the practice must not require MFA).
 */
export async function colleague(
  j: Journey,
  adminContext: BrowserContext,
  person: { name: string; role: string; credentials?: string; supervisorId?: string },
): Promise<Colleague & { page: Page }> {
  const tag = Math.random().toString(36).slice(2, 8);
  const invited = (await call(adminContext, 'POST', '/users', {
    name: person.name,
    email: `${person.role}-${tag}@clinical.test`,
    role: person.role,
  })) as { id: string; inviteUrl: string };
  const token = decodeURIComponent(new URL(invited.inviteUrl).hash.slice(1));
  const { context, page } = await j.person();
  await call(context, 'POST', '/invitations/accept', { token, password: PASSWORD });
  const patch: Record<string, string> = {};
  if (person.credentials) patch.credentials = person.credentials;
  if (person.supervisorId) patch.supervisorId = person.supervisorId;
  if (Object.keys(patch).length) await call(adminContext, 'PATCH', `/users/${invited.id}`, patch);
  return { id: invited.id, context, page };
}

/** A two-page PDF with real text, made the way Hearth's own PDFs are. */
export async function samplePdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const text of ['Referral letter', 'Page two: history']) {
    const page = pdf.addPage([612, 792]);
    page.drawText(text, { x: 72, y: 700, size: 24, font });
    page.drawText('Dear colleague, please see the attached assessment.', {
      x: 72,
      y: 660,
      size: 12,
      font,
    });
  }
  return Buffer.from(await pdf.save());
}

/**
 * Journey.check after the page's transitions have finished: on a busy machine a dialog still
 * fading in is half-transparent, and axe would judge its contrast mid-fade.
 */
export async function checkSettled(j: Journey, page: Page, label: string): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running'),
  );
  await j.check(page, label);
}
