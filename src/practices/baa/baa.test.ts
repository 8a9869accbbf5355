import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PDFParse } from 'pdf-parse';
import { testApp, type TestApp } from '../../testing/app.ts';
import { SESSION_COOKIE } from '../../auth/session-token.ts';
import { BAA_SHA256 } from './agreement.ts';

let t: TestApp;
let admin = '';
let practiceId = '';
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };
const PASSWORD = 'juniper quarry lantern meadow';

before(async () => {
  t = await testApp();
  const signup = await t.app.inject({
    method: 'POST',
    url: '/api/v1/signup',
    headers: SAME_ORIGIN,
    payload: {
      practiceName: 'Birchwood Counselling',
      name: 'Rowan Birch',
      email: 'rowan@birchwood.test',
      password: PASSWORD,
      baa: { accepted: true, signature: 'Rowan A. Birch' },
    },
  });
  practiceId = signup.json<{ practice: { id: string } }>().practice.id;
  await t.db.withPractice(practiceId, (tx) =>
    tx.updateTable('practices').set({ mfa_required: false }).where('id', '=', practiceId).execute(),
  );
  const signIn = await t.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    headers: SAME_ORIGIN,
    payload: { email: 'rowan@birchwood.test', password: PASSWORD },
  });
  const c = signIn.cookies.find((x) => x.name === SESSION_COOKIE)!;
  admin = `${SESSION_COOKIE}=${encodeURIComponent(c.value)}`;
});
after(() => t.close());

describe('signed BAA and compliance guide downloads', () => {
  test('the admin downloads the signed BAA as a PDF with the signature block; the download is audited', async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: '/api/v1/practice/baa.pdf',
      headers: { cookie: admin },
    });
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['content-type'], 'application/pdf');
    assert.equal(r.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const text = (
      await new PDFParse({ data: new Uint8Array(r.rawPayload) }).getText()
    ).text.replace(/\s+/g, ' ');
    assert.match(text, /Business Associate Agreement/);
    assert.match(text, /Signed by \(typed name\): Rowan A\. Birch/);
    assert.match(text, /Covered Entity: Birchwood Counselling/);
    assert.ok(text.includes(BAA_SHA256), 'the accepted text hash');
    const audited = await t.db.withPractice(practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select('action')
        .where('action', '=', 'practice.baa.downloaded')
        .execute(),
    );
    assert.equal(audited.length, 1);
  });

  test('the compliance guide is served as Markdown', async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: '/api/v1/practice/compliance-guide',
      headers: { cookie: admin },
    });
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-type']), /^text\/markdown/);
    assert.match(r.body, /HIPAA/);
    assert.ok(!r.body.startsWith('"'), 'not JSON-encoded');
  });

  test('without a session: refused', async () => {
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/v1/practice/baa.pdf' })).statusCode,
      401,
    );
  });
});
