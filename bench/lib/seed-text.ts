// Invented clinical prose for seeded notes: sentences built from fragments, at the lengths real
// progress notes have (a few hundred characters per section), so that sealed values, TOAST and
// JSON parsing cost what they would in a practice. No real person or record is described.
import type { NoteTemplateId } from '../../src/platform/db/tables/notes.ts';
import type { SeededRandom } from './seed-random.ts';

const SUBJECTS = [
  'Client',
  'Client reports that they',
  'They',
  'Client states they',
  'Client describes how they',
];
const VERBS = [
  'slept poorly most nights this week',
  'used the breathing exercise before work meetings',
  'noticed fewer intrusive thoughts since the last session',
  'had two arguments with a family member over the weekend',
  'kept the activity log on four of seven days',
  'felt more anxious on Sunday evenings',
  'returned to running twice this week',
  'avoided the grocery store again',
  'practised the thought record after a difficult phone call',
  'reported low motivation in the mornings',
];
const CLINICIAN = [
  'Clinician reviewed the homework and reinforced progress.',
  'Explored the link between avoidance and short-term relief.',
  'Introduced a graded exposure hierarchy; client rated each step.',
  'Practised paced breathing in session for ten minutes.',
  'Validated frustration and normalised the setback.',
  'Discussed sleep hygiene and a consistent wake time.',
  'Used Socratic questioning to examine the prediction.',
  'Reviewed the safety plan; no changes were needed.',
];
const OBSERVED = [
  'Affect congruent, mildly anxious.',
  'Speech normal in rate and volume.',
  'Engaged and cooperative throughout.',
  'Denies suicidal or homicidal ideation.',
  'Oriented to person, place and time.',
  'Appeared tired; eye contact fair.',
];
const PLANS = [
  'Continue weekly sessions.',
  'Homework: complete two thought records.',
  'Review exposure hierarchy next session.',
  'Coordinate with primary care about sleep.',
  'Reassess GAD-7 in four weeks.',
];

function sentence(random: SeededRandom): string {
  const kind = random.int(4);
  if (kind === 0) return `${random.pick(SUBJECTS)} ${random.pick(VERBS)}.`;
  if (kind === 1) return random.pick(CLINICIAN);
  if (kind === 2) return random.pick(OBSERVED);
  return random.pick(PLANS);
}

/** About `chars` characters of prose (whole sentences). */
export function prose(random: SeededRandom, chars: number): string {
  const parts: string[] = [];
  let length = 0;
  while (length < chars) {
    const s = sentence(random);
    parts.push(s);
    length += s.length + 1;
  }
  return parts.join(' ');
}

/** A complete set of fields for the template (everything signing requires is filled). */
export function noteFields(
  random: SeededRandom,
  template: NoteTemplateId,
): Record<string, unknown> {
  const section = () => prose(random, random.between(180, 420));
  switch (template) {
    case 'soap':
      return {
        subjective: section(),
        objective: section(),
        assessment: section(),
        plan: section(),
      };
    case 'dap':
      return { data: section(), assessment: section(), plan: section() };
    case 'birp':
      return { behavior: section(), intervention: section(), response: section(), plan: section() };
    case 'intake':
      return {
        presentingProblem: section(),
        history: prose(random, 900),
        mentalStatus: section(),
        riskAssessment: section(),
        diagnosticImpressions: section(),
        plan: section(),
      };
    case 'contact':
      return { contactType: random.pick(['phone', 'email', 'video']), summary: section() };
    default:
      throw new Error(`the seeder does not write ${template} notes`);
  }
}
