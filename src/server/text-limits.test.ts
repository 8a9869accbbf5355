import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../testing/practice.ts';

let t: TestApp;
let p: StaffedPractice;
before(async () => {
  t = await testApp();
  p = await staffedPractice(t);
});
after(() => t.close());

interface Schema {
  type?: string;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: boolean | Schema;
}

/** Strings whose length nothing bounds: no maxLength, no fixed format, no anchored pattern. */
function unbounded(s: Schema | undefined, path: string, out: string[]): void {
  if (!s) return;
  for (const sub of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) {
    unbounded(sub, path, out);
  }
  const bounded =
    s.maxLength !== undefined ||
    s.enum !== undefined ||
    s.const !== undefined ||
    ['uuid', 'date', 'date-time'].includes(s.format ?? '') ||
    // An anchored pattern with no open-ended repetition fixes the length too.
    (s.pattern !== undefined && /^\^.*\$$/.test(s.pattern) && !/[*+]|\{\d+,\}/.test(s.pattern));
  if (s.type === 'string' && !bounded) out.push(path);
  for (const [k, v] of Object.entries(s.properties ?? {})) unbounded(v, `${path}.${k}`, out);
  unbounded(s.items, `${path}[]`, out);
  if (typeof s.additionalProperties === 'object')
    unbounded(s.additionalProperties, `${path}{}`, out);
}

const long = (n: number) => 'A'.repeat(n);
const count = (table: 'clients' | 'users') =>
  t.db.withPractice(p.practiceId, async (tx) =>
    Number(
      (
        await tx
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  );

describe('every free-text field has a maximum', () => {
  test('no string a request may carry is unbounded (body, query, path)', () => {
    type Operation = {
      parameters?: { in: string; name: string; schema?: Schema }[];
      requestBody?: { content: Record<string, { schema?: Schema }> };
    };
    const doc = t.app.swagger() as { paths: Record<string, Record<string, Operation>> };
    const found: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${path}`;
        for (const param of op.parameters ?? []) {
          unbounded(param.schema, `${where} ${param.in}:${param.name}`, found);
        }
        for (const body of Object.values(op.requestBody?.content ?? {})) {
          unbounded(body.schema, `${where} body`, found);
        }
      }
    }
    assert.deepEqual(found, []);
  });

  test('a 101-character name is refused with 400, and nothing is written', async () => {
    const clients = await count('clients');
    const users = await count('users');
    const refused = [
      await callAs(t, p.staff.front_desk, 'POST', '/api/v1/clients', {
        firstName: long(101),
        lastName: 'Long',
        dateOfBirth: '1990-01-01',
      }),
      await callAs(t, p.staff.front_desk, 'POST', '/api/v1/clients', {
        firstName: 'Emergency',
        lastName: 'Contact',
        dateOfBirth: '1990-01-01',
        emergencyContact: { name: long(101) },
      }),
      await callAs(t, p.staff.admin, 'POST', '/api/v1/users', {
        name: long(101),
        email: 'long.name@example.org',
        role: 'associate',
      }),
    ];
    for (const r of refused) {
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json<{ error: { code: string } }>().error.code, 'validation_failed');
      assert.match(r.json<{ error: { message: string } }>().error.message, /100/);
    }
    assert.equal(await count('clients'), clients);
    assert.equal(await count('users'), users);
  });

  test('a name of exactly 100 characters is accepted', async () => {
    const r = await callAs(t, p.staff.admin, 'POST', '/api/v1/users', {
      name: long(100),
      email: 'hundred@example.org',
      role: 'associate',
    });
    assert.equal(r.statusCode, 201, r.body);
  });
});
