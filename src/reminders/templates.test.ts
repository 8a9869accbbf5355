import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_TEMPLATES,
  PLACEHOLDERS,
  SAMPLE_VALUES,
  SMS_REPLY_PROMPT,
  checkTemplates,
  formatWhen,
  renderEmail,
  renderSms,
  smsSegments,
  unknownPlaceholders,
} from './templates.ts';
import { AppError } from '../platform/errors.ts';

describe('reminder templates', () => {
  test('Hearth’s wording uses only the placeholders and never names a kind of care', () => {
    for (const text of Object.values(DEFAULT_TEMPLATES)) {
      assert.deepEqual(unknownPlaceholders(text), []);
      assert.doesNotMatch(text, /therap|counsel|treat|session notes|diagnos/i);
    }
    assert.deepEqual([...PLACEHOLDERS], ['date', 'time', 'clinician', 'practice', 'place', 'link']);
  });

  test('a template with anything else is refused, naming the field and the placeholder', () => {
    assert.throws(
      () => checkTemplates({ smsBody: 'Hi {firstName}, {date} {diagnosis} {date}' }),
      (err: unknown) =>
        err instanceof AppError &&
        err.status === 400 &&
        err.code === 'unknown_placeholder' &&
        err.message.startsWith('smsBody: unknown placeholder {firstName}, {diagnosis};'),
    );
    assert.throws(() => checkTemplates({ emailSubject: 'Hello { date }' }), /\{ date \}/);
    assert.doesNotThrow(() => checkTemplates({ emailBody: null, smsBody: '{time} at {place}' }));
  });

  test('rendering fills every placeholder; without a link its line is left out', () => {
    const email = renderEmail(DEFAULT_TEMPLATES, SAMPLE_VALUES);
    assert.ok(email.body.includes(SAMPLE_VALUES.link));
    assert.ok(email.subject.includes(SAMPLE_VALUES.date));
    assert.doesNotMatch(email.body + email.subject, /[{}]/);
    const plain = renderEmail(DEFAULT_TEMPLATES, { ...SAMPLE_VALUES, link: '' });
    assert.doesNotMatch(plain.body, /open this link/);
    assert.match(plain.body, /Where: Main office/);
    assert.equal(
      renderSms('See you {date}: {link} ({place})', SAMPLE_VALUES, false),
      'See you Tuesday, March 9: (Main office)',
      'a line with more than the link keeps the rest',
    );
    const sms = renderSms(DEFAULT_TEMPLATES.smsBody, SAMPLE_VALUES, true);
    assert.ok(sms.endsWith(` ${SMS_REPLY_PROMPT}`));
    assert.ok(!sms.includes(SAMPLE_VALUES.link), 'texts are answered by reply, not by link');
    assert.equal(
      renderEmail({ emailSubject: '{date}\r\nBcc: x@example.org', emailBody: '' }, SAMPLE_VALUES)
        .subject,
      `${SAMPLE_VALUES.date} Bcc: x@example.org`,
      'a subject stays one line',
    );
  });

  test('SMS segments: GSM-7 160 / 153, extension characters count two, else UCS-2 70 / 67', () => {
    assert.equal(smsSegments('a'.repeat(160)), 1);
    assert.equal(smsSegments('a'.repeat(161)), 2);
    assert.equal(smsSegments('a'.repeat(306)), 2);
    assert.equal(smsSegments('a'.repeat(307)), 3);
    assert.equal(smsSegments('€'.repeat(80)), 1);
    assert.equal(smsSegments('€'.repeat(81)), 2);
    assert.equal(smsSegments('ż'.repeat(70)), 1);
    assert.equal(smsSegments('ż'.repeat(71)), 2);
    assert.equal(smsSegments('ż'.repeat(134)), 2);
  });

  test('date and time are the client’s wall clock, on either side of a clock change', () => {
    // 2027-03-14 is the US spring-forward Sunday: 9:00 the day before is EST, after it EDT.
    assert.deepEqual(formatWhen(new Date('2027-03-13T14:00:00Z'), 'America/New_York'), {
      date: 'Saturday, March 13',
      time: '9:00 AM EST',
    });
    assert.deepEqual(formatWhen(new Date('2027-03-15T13:00:00Z'), 'America/New_York'), {
      date: 'Monday, March 15',
      time: '9:00 AM EDT',
    });
    const berlin = formatWhen(new Date('2027-03-15T13:00:00Z'), 'Europe/Berlin');
    assert.equal(berlin.time.startsWith('2:00 PM'), true, berlin.time);
    assert.equal(smsSegments(berlin.time), 1, 'no narrow no-break space: stays GSM-7');
    assert.doesNotMatch(berlin.time, /[\u202f\u00a0]/);
  });
});
