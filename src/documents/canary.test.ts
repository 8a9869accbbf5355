import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../testing/app.ts';
import { assertCanaryNowhere, newCanary } from '../testing/canary.ts';
import { SAME_ORIGIN } from '../testing/http.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../testing/practice.ts';
import { EXE, pdfBytes } from './testing/fixtures.ts';
import { multipartBody } from './testing/multipart.ts';

// DESIGN.md invariant 4 for the document routes: a canary in file names, file contents, paths,
// queries and headers, on uploads that succeed and fail, downloads and deletes.
const CANARY = newCanary();
let t: TestApp;
let p: StaffedPractice;
let clientId = '';

before(async () => {
  t = await testApp();
  p = await staffedPractice(t);
  const r = await callAs(t, p.staff.front_desk, 'POST', '/api/v1/clients', {
    firstName: 'Canary',
    lastName: 'Docs',
    dateOfBirth: '1990-01-01',
    clinicianIds: [p.staff.associate.userId],
  });
  clientId = r.json<{ id: string }>().id;
});
after(() => t.close());

function upload(name: string, bytes: Buffer, url = `/api/v1/clients/${clientId}/documents`) {
  const { payload, headers } = multipartBody({ name, bytes });
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...SAME_ORIGIN, cookie: p.staff.associate.cookie, 'x-note': CANARY, ...headers },
    payload,
  });
}

describe('no PHI in logs from the document routes (canary)', () => {
  test('names, contents, paths and queries never reach the log or audit detail', async () => {
    const ok = await upload(`${CANARY}.pdf`, pdfBytes(CANARY));
    assert.equal(ok.statusCode, 201, ok.body);
    const id = ok.json<{ id: string }>().id;
    assert.equal(
      (await upload(`${CANARY}.pdf`, Buffer.concat([EXE, Buffer.from(CANARY)]))).statusCode,
      415,
    );
    assert.equal(
      (await upload(`${CANARY}.txt`, Buffer.from(CANARY), `/api/v1/clients/${CANARY}/documents`))
        .statusCode,
      400,
    );
    for (const url of [
      `/api/v1/documents/${id}?${CANARY}=1`,
      `/api/v1/documents/${id}/content?download=${CANARY}`,
      `/api/v1/documents/${CANARY}/content`,
      `/api/v1/clients/${clientId}/documents?limit=${CANARY}`,
    ]) {
      await callAs(t, p.staff.associate, 'GET', url);
    }
    assert.equal(
      (await callAs(t, p.staff.associate, 'DELETE', `/api/v1/documents/${id}`)).statusCode,
      204,
    );
    await assertCanaryNowhere(t, CANARY);
  });
});
