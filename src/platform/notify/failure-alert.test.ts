import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { testApp, type TestApp } from '../../testing/app.ts';
import { captureLogs } from '../../testing/logs.ts';
import { staffedPractice } from '../../testing/practice.ts';
import { OutboxDelivery } from '../mail/delivery.ts';
import { NumberDigester } from '../sms/phone.ts';
import { FakeTwilio, TWILIO_ERRORS } from '../sms/testing/fake-twilio.ts';
import { TwilioSmsSender } from '../sms/twilio.ts';
import { enqueueMessage } from './outbox.ts';
import { checkDeliveryFailures } from './failure-alert.ts';

let t: TestApp;
let twilio: FakeTwilio;
const numbers = new NumberDigester(randomBytes(32));

before(async () => {
  twilio = await FakeTwilio.start();
  t = await testApp();
});
after(async () => {
  await t.close();
  await twilio.close();
});

function delivery() {
  return new OutboxDelivery(
    t.db,
    { sms: new TwilioSmsSender(twilio.options) },
    captureLogs().logger,
    {
      numbers,
    },
  );
}

async function texts(practiceId: string, n: number) {
  await t.db.withPractice(practiceId, async (tx) => {
    for (let i = 0; i < n; i += 1) {
      await enqueueMessage(tx, {
        channel: 'sms',
        to: `+1555040${String(i).padStart(4, '0')}`,
        subject: 'x',
        body: `Reminder ${i}`,
        kind: 'reminder',
      });
    }
  });
}

function alerts(practiceId: string) {
  return t.db.withPractice(practiceId, (tx) =>
    tx
      .selectFrom('alerts')
      .select(['kind', 'detail'])
      .where('kind', '=', 'delivery_failures')
      .execute(),
  );
}

test('a batch failing above the threshold raises one alert an hour, with its privacy-officer email', async () => {
  const { practiceId } = await staffedPractice(t);
  await texts(practiceId, 10);
  // Three of ten refused: 30 % is above the default 20 %.
  twilio.fail(TWILIO_ERRORS.unsubscribed, 3);
  assert.equal(await delivery().deliver(), 7);
  const raised = await alerts(practiceId);
  assert.equal(raised.length, 1);
  assert.deepEqual(raised[0]?.detail, { failed: 3, total: 10, thresholdPercent: 20 });
  const mail = await t.db.withPractice(practiceId, (tx) =>
    tx
      .selectFrom('notification_outbox')
      .select(['kind', 'subject'])
      .where('kind', '=', 'alert')
      .execute(),
  );
  assert.deepEqual(mail, [{ kind: 'alert', subject: 'Hearth security alert: delivery failures' }]);
  // Still failing: no second alert within the hour.
  await texts(practiceId, 2);
  twilio.fail(TWILIO_ERRORS.unsubscribed, 2);
  await delivery().deliver();
  assert.equal((await alerts(practiceId)).length, 1);
});

test("the practice's own threshold, and too few messages, raise nothing", async () => {
  const lenient = (await staffedPractice(t)).practiceId;
  await t.db.withPractice(lenient, (tx) =>
    tx.insertInto('reminder_settings').values({ failure_alert_percent: 50 }).execute(),
  );
  await texts(lenient, 10);
  twilio.fail(TWILIO_ERRORS.unsubscribed, 4);
  await delivery().deliver();
  assert.equal((await alerts(lenient)).length, 0);

  const small = (await staffedPractice(t)).practiceId;
  await texts(small, 9);
  twilio.fail(TWILIO_ERRORS.unsubscribed, 9);
  await delivery().deliver();
  assert.equal((await alerts(small)).length, 0);
  assert.deepEqual(await checkDeliveryFailures(t.db, captureLogs().logger, [small, lenient]), []);
});
