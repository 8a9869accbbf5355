import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, test } from 'node:test';
import { call, waitForText } from '../api.ts';
import { BASE_URL, Journey } from '../harness.ts';
import { schedulingPractice } from '../schedule-scene.ts';
import { sessions } from '../schedule-calendar.ts';
import { Temporal } from 'temporal-polyfill';

let j: Journey;
before(async () => {
  j = await Journey.start('reminders');
});
after(() => j.close());

const PHONE = '+15550142399';
// Clinical words the client's record carries: none may reach a text.
const REMARK = 'Discuss the panic attacks at work';

/** X-Twilio-Signature as Twilio computes it: the URL, then each parameter sorted by name. */
function twilioSignature(url: string, params: Record<string, string>): string {
  const token = process.env.HEARTH_E2E_TWILIO_TOKEN ?? '';
  const data = Object.keys(params)
    .sort()
    .reduce((acc, k) => acc + k + params[k], url);
  return createHmac('sha1', token).update(data).digest('base64');
}

test('a 48-hour text reminder: set it, book, the client gets a bare text, replies C, the calendar says confirmed', async () => {
  const scene = await schedulingPractice(j, 'Reminders');
  const { admin, associate, clientId, zone } = scene;
  await call(admin.context, 'PATCH', `/clients/${clientId}`, { phone: '(555) 014-2399' });

  // Administration → Reminders: a text 48 hours before, asking for an answer.
  const page = admin.page;
  await page.goto('/admin/reminders');
  await page.getByRole('button', { name: 'Add reminder' }).click();
  const dialog = page.getByRole('dialog', { name: 'New reminder' });
  await dialog.getByLabel('Unit').click();
  await page.getByRole('option', { name: 'hours', exact: true }).click();
  await dialog.getByLabel('How long before the session').fill('48');
  await dialog.getByRole('checkbox', { name: 'Email' }).uncheck();
  await dialog.getByRole('checkbox', { name: 'Text' }).check();
  await j.check(page, 'reminder-rule');
  await dialog.getByRole('button', { name: 'Add reminder' }).click();
  await page
    .getByRole('list', { name: 'Reminders' })
    .getByText(/48 hours before/)
    .waitFor();
  await j.check(page, 'reminder-rules');

  // The client's record: texts on, their agreement recorded.
  await page.goto(`/clients/${clientId}`);
  const prefs = page.getByRole('region', { name: 'Communication preferences' });
  await prefs.getByRole('switch', { name: 'Text message reminders' }).check();
  await prefs.getByRole('checkbox', { name: 'Client agreed to receive texts' }).check();
  await prefs.getByRole('button', { name: 'Save preferences' }).click();
  await prefs.getByText(/^Recorded .* by /).waitFor();
  await j.check(page, 'client-communication');

  // Booked tomorrow: inside the 48 hours, so the reminder goes at once (a catch-up).
  const start = Temporal.Now.zonedDateTimeISO(zone)
    .add({ hours: 26 })
    .round({ smallestUnit: 'hour', roundingMode: 'ceil' });
  const booked = (await call(admin.context, 'POST', '/appointments', {
    clientId,
    clinicianId: associate.id,
    start: start.toInstant().toString(),
    end: start.add({ minutes: 50 }).toInstant().toString(),
    kind: 'in_person',
    serviceCode: '90837',
    remark: REMARK,
  })) as { id: string };

  // The send job runs every minute; the text reaches the fake Twilio soon after.
  const text = await waitForText(PHONE, 180_000);
  assert.match(text.body, /Alex Morgan/, 'the clinician is named');
  assert.match(text.body, /Reply C to confirm, X to cancel/);
  for (const secret of ['Jordan', 'Ellis', 'panic', '90837', 'therapy', 'counsel']) {
    assert.ok(!text.body.toLowerCase().includes(secret.toLowerCase()), `no "${secret}"`);
  }

  // The client answers C; Twilio posts it to Hearth, signed with the account's token.
  const url = `${BASE_URL}/api/v1/webhooks/twilio/sms`;
  const reply = {
    AccountSid: 'AC00000000000000000000000000000000',
    MessageSid: 'SM00000000000000000000000000000001',
    From: PHONE,
    To: process.env.HEARTH_E2E_TWILIO_FROM ?? '',
    Body: ' c ',
  };
  const forged = await admin.context.request.post(url, {
    form: reply,
    headers: { 'x-twilio-signature': twilioSignature(url, { ...reply, Body: 'x' }) },
  });
  assert.equal(forged.status(), 403, 'a signature over other words is refused');
  const answered = await admin.context.request.post(url, {
    form: reply,
    headers: { 'x-twilio-signature': twilioSignature(url, reply) },
  });
  assert.equal(answered.status(), 200);
  assert.match(await answered.text(), /<Message>[^<]*confirmed[^<]*<\/Message>/);

  const after = (await call(admin.context, 'GET', `/appointments/${booked.id}`)) as {
    status: string;
    updatedVia: string | null;
  };
  assert.deepEqual([after.status, after.updatedVia], ['confirmed', 'sms']);
  await page.goto(`/calendar?view=day&who=all&date=${start.toPlainDate().toString()}`);
  const session = sessions(page, 'Jordan Ellis').first();
  await session.locator('.appt-status', { hasText: 'Confirmed' }).waitFor();
  await j.check(page, 'calendar-confirmed');

  // The delivery log: the text, masked, without its words.
  await page.goto('/admin/delivery-log');
  await page.getByText('••• 99').first().waitFor();
  assert.equal(await page.getByText('Alex Morgan').count(), 0, 'no message text in the log');
  await j.check(page, 'delivery-log');
});
