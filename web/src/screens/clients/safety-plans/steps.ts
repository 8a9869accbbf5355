import type { SafetyPlanStep } from '../../../clinical/types.ts';

/** The Stanley–Brown steps, in order, with the words clinicians and clients know them by. */
export const STEPS: { key: SafetyPlanStep; title: string; hint: string; item: string }[] = [
  {
    key: 'warningSigns',
    title: 'Warning signs',
    hint: 'Thoughts, images, moods, situations or behaviours that a crisis may be developing.',
    item: 'Warning sign',
  },
  {
    key: 'copingStrategies',
    title: 'Internal coping strategies',
    hint: 'Things I can do to take my mind off my problems without contacting another person.',
    item: 'Coping strategy',
  },
  {
    key: 'socialContacts',
    title: 'People and social settings that provide distraction',
    hint: 'Names and phone numbers, and places to go.',
    item: 'Person or place',
  },
  {
    key: 'peopleToAsk',
    title: 'People I can ask for help',
    hint: 'Names and phone numbers.',
    item: 'Person',
  },
  {
    key: 'professionals',
    title: 'Professionals or agencies I can contact during a crisis',
    hint: 'Clinicians, urgent care, crisis lines — with phone numbers.',
    item: 'Professional or agency',
  },
  {
    key: 'safeEnvironment',
    title: 'Making the environment safe',
    hint: 'Steps to limit access to lethal means.',
    item: 'Step',
  },
  {
    key: 'reasonsForLiving',
    title: 'Reasons for living',
    hint: 'The one thing, or the things, most important to me and worth living for.',
    item: 'Reason',
  },
];

/** Filled in by Hearth when the professionals step is left as it is (docs/notes.md). */
export const LIFELINE_988 =
  '988 Suicide & Crisis Lifeline: call or text 988, or chat at 988lifeline.org (24/7)';
