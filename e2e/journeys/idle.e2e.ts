import { after, before, test } from 'node:test';
import { call, newPractice } from '../api.ts';
import { Journey } from '../harness.ts';

let j: Journey;
before(async () => {
  j = await Journey.start('idle');
});
after(() => j.close());

test('idle timeout: a warning a minute before, "Stay signed in" keeps the session, then the signed-out page', async () => {
  const { context, page } = await j.person();
  await newPractice(context, 'idle');
  await call(context, 'PATCH', '/practice', { idleTimeoutMinutes: 5 });
  // The browser's clock, not the server's, is fast-forwarded: the page believes 4 minutes passed.
  await page.clock.install();
  await page.goto('/today');
  await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
  // Every request of the page must be answered first: an answer arriving after the jump is
  // activity, and would rightly dismiss the warning.
  await page.getByText('No open alerts. All clear.').waitFor();
  await page.waitForLoadState('networkidle');

  await page.clock.fastForward('04:01');
  const warning = page.getByRole('dialog', { name: 'Are you still there?' });
  await warning.waitFor();
  await j.check(page, 'warning');
  await warning.getByRole('button', { name: 'Stay signed in' }).click();
  await warning.waitFor({ state: 'hidden' });

  await page.clock.fastForward('04:01');
  await warning.waitFor();
  await page.clock.fastForward('01:00');
  await page.waitForURL('**/signed-out?reason=idle&minutes=5');
  await page.getByText('You were signed out after 5 minutes without activity').waitFor();
  await j.check(page, 'signed-out');
});
