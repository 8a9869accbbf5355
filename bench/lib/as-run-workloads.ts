// The workloads of issue 23, as autocannon sequences against the seeded practice: reading one
// client, opening a chart, the name search, the mixed loop (create a client, read it, search
// its family name, per connection), creating a client, and writing then signing a note. Reads,
// searches and creations are the administrator's (the whole practice); each note is written and
// signed by the clinician who carries its client.
import type { AsRunPractice } from './as-run-seed.ts';
import { nameOf } from './as-run-seed.ts';
import type { Context, Step } from './load-sequence.ts';
import type { WalkRequest } from './load-walk.ts';
import { SeededRandom } from './seed-random.ts';

const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };
const JSON_BODY = { ...SAME_ORIGIN, 'content-type': 'application/json' };

export interface Workload {
  title: string;
  steps: Step[];
  /** Requests per operation: a note written and signed is two; its rate is notes/s. */
  perOperation: number;
  unit: string;
}

const SOAP = {
  subjective: 'Reports sleeping better; one panic episode this week, at work.',
  objective: 'Alert, oriented, affect congruent; speech normal in rate and volume.',
  assessment: 'Generalised anxiety improving with CBT; no risk indicators today.',
  plan: 'Continue weekly CBT; practise paced breathing daily; review in one week.',
};

export function asRunWorkloads(practice: AsRunPractice): Workload[] {
  const random = new SeededRandom(23);
  const admin = practice.staff.admin.cookie;
  const cookieOf = new Map(practice.staff.clinicians.map((c) => [c.userId, c.cookie]));
  const get = (path: string, cookie = admin): WalkRequest => ({
    method: 'GET',
    path,
    headers: { cookie },
  });
  const newClient = (context: Context): WalkRequest => {
    const name = nameOf(random);
    context.lastName = name.last;
    const year = random.between(1950, 2012);
    return {
      method: 'POST',
      path: '/api/v1/clients',
      headers: { ...JSON_BODY, cookie: admin },
      body: JSON.stringify({
        firstName: name.first,
        lastName: name.last,
        dateOfBirth: `${year}-0${random.between(1, 9)}-1${random.between(0, 9)}`,
      }),
    };
  };
  const keepId = (status: number, body: string, context: Context) => {
    context.id = status === 201 || status === 200 ? (JSON.parse(body) as { id: string }).id : null;
  };
  const one = (request: () => WalkRequest): Step[] => [{ request }];
  return [
    {
      title: 'read one client',
      steps: one(() => get(`/api/v1/clients/${random.pick(practice.clients).id}`)),
      perOperation: 1,
      unit: 'req/s',
    },
    {
      title: 'open a chart',
      steps: one(() => get(`/api/v1/clients/${random.pick(practice.rich).id}/chart`)),
      perOperation: 1,
      unit: 'req/s',
    },
    {
      title: 'name search Smith, limit 20',
      steps: one(() => get('/api/v1/clients?search=Smith&limit=20')),
      perOperation: 1,
      unit: 'req/s',
    },
    {
      title: 'mixed: create → read → search',
      steps: [
        { request: newClient, onResponse: keepId },
        {
          request: (context) =>
            typeof context.id === 'string' ? get(`/api/v1/clients/${context.id}`) : undefined,
        },
        {
          request: (context) =>
            get(`/api/v1/clients?search=${encodeURIComponent(String(context.lastName))}&limit=20`),
        },
      ],
      perOperation: 1,
      unit: 'req/s',
    },
    { title: 'create a client', steps: [{ request: newClient }], perOperation: 1, unit: 'req/s' },
    {
      title: 'write + sign a note',
      steps: [
        {
          request: (context) => {
            const client = random.pick(practice.rich);
            context.cookie = cookieOf.get(client.clinicianId)!;
            return {
              method: 'POST',
              path: `/api/v1/clients/${client.id}/notes`,
              headers: { ...JSON_BODY, cookie: String(context.cookie) },
              body: JSON.stringify({ template: 'soap', fields: SOAP }),
            };
          },
          onResponse: keepId,
        },
        {
          request: (context) =>
            typeof context.id === 'string'
              ? {
                  method: 'POST',
                  path: `/api/v1/notes/${context.id}/sign`,
                  headers: { ...SAME_ORIGIN, cookie: String(context.cookie) },
                }
              : undefined,
        },
      ],
      perOperation: 2,
      unit: 'notes/s',
    },
  ];
}
