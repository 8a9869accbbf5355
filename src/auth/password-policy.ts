// The password policy, as one pure module: the server enforces it and the web app's checklist
// (web/src/ui/PasswordRules.tsx) runs this very code, so the two cannot disagree. Keep it free of
// Node-only imports.
import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import {
  normalizePassword,
  PASSWORD_MAX,
  PASSWORD_MIN,
  passwordLength,
  type PasswordContext,
} from './password-text.ts';

export { PASSWORD_MAX, PASSWORD_MIN };

zxcvbnOptions.setOptions({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
});

const COMMON = new Set(
  (common.dictionary as { passwords?: string[] }).passwords?.map((p) => p.toLowerCase()) ?? [],
);

/** zxcvbn's score runs 0–4; below this a password is refused as easy to guess. */
const MIN_SCORE = 3;

const squash = (s: string) => s.toLowerCase().replace(/[\s._-]+/g, '');

export interface PasswordChecks {
  /** In characters (code points after NFKC), not UTF-16 units. */
  length: number;
  lengthOk: boolean;
  /** Built from none of the person's email (or its local part), name or practice name. */
  impersonal: boolean;
  /** On the common-passwords list. */
  common: boolean;
  /** Scored below MIN_SCORE by zxcvbn (with the personal words as extra dictionary). */
  guessable: boolean;
}

/** Each rule of the policy, checked separately: the checklist shows them all as one types. */
export function passwordChecks(password: string, personal: (string | undefined)[]): PasswordChecks {
  const normalized = normalizePassword(password);
  const length = passwordLength(password);
  const words = personal
    .flatMap((v) => (v ? [v, v.split('@')[0] ?? ''] : []))
    .map(squash)
    .filter((v) => v.length >= 4);
  const common = COMMON.has(normalized.toLowerCase());
  return {
    length,
    lengthOk: length >= PASSWORD_MIN && length <= PASSWORD_MAX,
    impersonal: !words.some((w) => squash(normalized).includes(w)),
    common,
    guessable: !common && length > 0 && zxcvbn(normalized, words).score < MIN_SCORE,
  };
}

/**
 * The policy itself, synchronous: the web app's checklist runs it as one types, and the server
 * runs it off the main thread through password-check.ts, which keeps zxcvbn's dictionaries
 * (27 MB of heap) out of the serving process. What is wrong with a new password, in words for the person choosing it; empty when it is
 * acceptable. No composition rules (NIST): length, not a known common password, not guessable,
 * and not built from the person's email or practice name.
 */
export function passwordProblems(password: string, context: PasswordContext): string[] {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN)
    return [`Use at least ${PASSWORD_MIN} characters; a short phrase of several words works well.`];
  if (length > PASSWORD_MAX) return [`Use at most ${PASSWORD_MAX} characters.`];
  const checks = passwordChecks(password, [context.email, context.practiceName, context.name]);
  const problems: string[] = [];
  if (!checks.impersonal)
    problems.push('Do not include your email address, name or practice name.');
  if (checks.common)
    problems.push('This password is on a list of commonly used passwords; choose another.');
  else if (checks.guessable)
    problems.push('This password would be easy to guess; add more unrelated words.');
  return problems;
}
