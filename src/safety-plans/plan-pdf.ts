import { renderTextPdf, type Block } from '../platform/pdf/text-pdf.ts';
import type { SafetyPlan } from './schemas.ts';
import type { selectPrintFacts } from './queries.ts';

type Facts = Awaited<ReturnType<typeof selectPrintFacts>>;

/** The Stanley–Brown steps in order, numbered as the client knows them. */
const STEPS = [
  ['warningSigns', 'Step 1: Warning signs'],
  ['copingStrategies', 'Step 2: Internal coping strategies'],
  ['socialContacts', 'Step 3: People and social settings that provide distraction'],
  ['peopleToAsk', 'Step 4: People I can ask for help'],
  ['professionals', 'Step 5: Professionals or agencies to contact during a crisis'],
  ['safeEnvironment', 'Step 6: Making the environment safe'],
  ['reasonsForLiving', 'The one thing most important to me and worth living for'],
] as const;

/**
 * A safety plan as the client takes it home: every step, and who wrote it when. A plan is not
 * signed; its line says who wrote it and that it cannot be changed, only superseded.
 */
export async function renderSafetyPlanPdf(plan: SafetyPlan, facts: Facts): Promise<Uint8Array> {
  const written = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: facts.time_zone,
    timeZoneName: 'short',
  }).format(new Date(plan.createdAt));
  const blocks: Block[] = [
    { kind: 'title', text: 'Safety plan' },
    { kind: 'text', text: `For ${facts.client_name}` },
  ];
  for (const [key, title] of STEPS) {
    const entries = plan[key];
    blocks.push(
      { kind: 'heading', text: title },
      { kind: 'text', text: entries.length ? entries.map((e) => `• ${e}`).join('\n') : '—' },
    );
  }
  blocks.push(
    { kind: 'heading', text: 'Written' },
    { kind: 'text', text: `By ${facts.author_name} on ${written}.` },
    {
      kind: 'small',
      text: `${plan.current ? 'The current plan' : 'An earlier plan, superseded by a newer one'}. Plans are never changed: a new plan replaces this one. In a crisis call or text 988.`,
    },
  );
  return renderTextPdf({
    title: `Safety plan — ${facts.client_name}`,
    footer: `Safety plan · ${facts.client_name} · confidential health information`,
    blocks,
  });
}
