// The clinical benchmark's load phases, each a stream of different requests against the seeded
// practice: charts of random clients (as the administrator, and as one associate within their
// own caseload), a random clinician's week, saves of random drafts and signatures of the
// drafts one after another, each request with the cookie of who would send it.
import type { ClinicalSeed } from '../clinical-seed.ts';
import type { WalkRequest } from './load-walk.ts';
import { SeededRandom } from './seed-random.ts';
import type { SeededDraft } from './seed-notes.ts';
import { prose } from './seed-text.ts';
import { count } from './stats.ts';

const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };
const JSON_BODY = { ...SAME_ORIGIN, 'content-type': 'application/json' };
const WEEK_MS = 7 * 86_400_000;
/**
 * Unmeasured load before each phase. A server just started runs its first ~10 s of load with
 * scavenges two to three times longer (10–20 ms) than later, until its first full collection:
 * a 2 s warm-up put that start-up transient into the first phase's p99 (25–28 ms instead of
 * 17–19 ms). Ten seconds measures the server as it runs for a practice, warm.
 */
const WARM_UP_S = 10;

export interface Phase {
  title: string;
  next: () => WalkRequest;
  /** A list that must not wrap (each draft is signed once): at most this many requests. */
  amount?: number;
  /** Seconds of unmeasured load first (none where requests use something up). */
  warmUp: number;
}

/** The field each template's autosave sends: the section a clinician types in first. */
const FIRST_FIELD: Record<string, string> = {
  soap: 'subjective',
  dap: 'data',
  birp: 'behavior',
  contact: 'summary',
  intake: 'presentingProblem',
};

/** `drafts.save`: drafts autosaved at random (never signed here); `drafts.sign`: signed in turn. */
export function clinicalPhases(
  seed: ClinicalSeed,
  drafts: { save: readonly SeededDraft[]; sign: readonly SeededDraft[] },
): Phase[] {
  const random = new SeededRandom(7);
  const { staff } = seed;
  const cookieOf = new Map(staff.clinicians.map((c) => [c.userId, c.cookie]));
  const associate = staff.clinicians.at(-1)!;
  const caseload = seed.clients.filter((c) => c.clinicianId === associate.userId);
  const chart = (cookie: string, clients: typeof seed.clients) => (): WalkRequest => ({
    method: 'GET',
    path: `/api/v1/clients/${random.pick(clients).id}/chart`,
    headers: { cookie },
  });
  const week = (): WalkRequest => {
    const clinician = random.pick(staff.clinicians);
    // A week within half a year either side of today, starting on a day boundary.
    const from = new Date(
      Math.floor((Date.now() + (random.int(52) - 26) * WEEK_MS) / 864e5) * 864e5,
    );
    const to = new Date(from.getTime() + WEEK_MS);
    const query = `clinicianId=${clinician.userId}&from=${from.toISOString()}&to=${to.toISOString()}`;
    return {
      method: 'GET',
      path: `/api/v1/appointments?${query}`,
      headers: { cookie: clinician.cookie },
    };
  };
  const save = (): WalkRequest => {
    const draft = random.pick(drafts.save);
    const field = FIRST_FIELD[draft.template] ?? 'plan';
    return {
      method: 'PATCH',
      path: `/api/v1/notes/${draft.id}`,
      headers: { ...JSON_BODY, cookie: cookieOf.get(draft.authorId)! },
      body: JSON.stringify({ fields: { [field]: prose(random, 400) } }),
    };
  };
  let signed = 0;
  const sign = (): WalkRequest => {
    const draft = drafts.sign[signed++ % drafts.sign.length]!;
    return {
      method: 'POST',
      path: `/api/v1/notes/${draft.id}/sign`,
      headers: { ...SAME_ORIGIN, cookie: cookieOf.get(draft.authorId)! },
    };
  };
  return [
    {
      title: `open a chart, admin, random client of ${count(seed.clients.length)}`,
      next: chart(staff.admin.cookie, seed.clients),
      warmUp: WARM_UP_S,
    },
    {
      title: `open a chart, associate, random client of their ${caseload.length}`,
      next: chart(associate.cookie, caseload),
      warmUp: WARM_UP_S,
    },
    { title: "a clinician's week (GET /appointments, 7 days)", next: week, warmUp: WARM_UP_S },
    { title: 'save a draft note (PATCH, one field)', next: save, warmUp: WARM_UP_S },
    {
      title: 'sign a draft note (each request a new draft)',
      next: sign,
      amount: drafts.sign.length,
      warmUp: 0,
    },
  ];
}
