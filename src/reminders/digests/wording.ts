import type { Digest } from './schemas.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 notes to finish and 1 note to co-sign": counts in words, nothing else. */
export function waitingWords(d: Digest): string | null {
  const toFinish = d.drafts + d.sessionsWithoutNote;
  const parts = [
    toFinish > 0 ? plural(toFinish, 'note to finish', 'notes to finish') : '',
    d.notesToCosign > 0 ? plural(d.notesToCosign, 'note to co-sign', 'notes to co-sign') : '',
  ].filter(Boolean);
  return parts.length === 0 ? null : parts.join(' and ');
}

/**
 * The daily digest email. It leaves Hearth for a mailbox Hearth does not control, so it holds
 * counts and a link only (DESIGN.md invariant 4): no client, no date of a session, no practice
 * detail a stranger reading over a shoulder could tie to a person. Null: nothing waits.
 */
export function digestEmail(
  d: Digest,
  publicUrl: string,
): { subject: string; body: string } | null {
  const words = waitingWords(d);
  if (!words) return null;
  const detail = [
    d.drafts > 0 ? plural(d.drafts, 'draft', 'drafts') : '',
    d.sessionsWithoutNote > 0
      ? `${plural(d.sessionsWithoutNote, 'session', 'sessions')} older than ${plural(d.noteDays, 'day', 'days')} without a note`
      : '',
  ].filter(Boolean);
  const lines = [
    `You have ${words}.`,
    ...(detail.length > 0 ? [`(${detail.join(', ')}.)`] : []),
    '',
    `Open Hearth to see them: ${publicUrl}/today`,
    '',
    'You asked for this daily email in Hearth. To stop it, turn off "Daily email of what waits for me" under My account.',
  ];
  return { subject: 'What waits for you in Hearth', body: lines.join('\n') };
}
