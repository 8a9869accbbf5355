import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { normalizePassword } from './passwords.ts';
import { PASSWORD_MAX, PASSWORD_MIN, type PasswordContext } from './password-limits.ts';

export { PASSWORD_MAX, PASSWORD_MIN };

zxcvbnOptions.setOptions({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
});

const COMMON = new Set(
  (common.dictionary as { passwords?: string[] }).passwords?.map((p) => p.toLowerCase()) ?? [],
);

const squash = (s: string) => s.toLowerCase().replace(/[\s._-]+/g, '');

/**
 * The policy itself, synchronous. The server runs it off the main thread through
 * password-check.ts, which keeps zxcvbn's dictionaries (27 MB of heap) out of the serving
 * process. What is wrong with a new password, in words for the person choosing it; empty when it is
 * acceptable. No composition rules (NIST): length, not a known common password, not guessable,
 * and not built from the person's email or practice name.
 */
export function passwordProblems(password: string, context: PasswordContext): string[] {
  const normalized = normalizePassword(password);
  const length = [...normalized].length;
  if (length < PASSWORD_MIN)
    return [`Use at least ${PASSWORD_MIN} characters; a short phrase of several words works well.`];
  if (length > PASSWORD_MAX) return [`Use at most ${PASSWORD_MAX} characters.`];
  const problems: string[] = [];
  const lower = squash(normalized);
  const personal = [context.email, context.email?.split('@')[0], context.practiceName, context.name]
    .filter((v): v is string => Boolean(v))
    .map(squash)
    .filter((v) => v.length >= 4);
  if (personal.some((v) => lower.includes(v))) {
    problems.push('Do not include your email address, name or practice name.');
  }
  if (COMMON.has(normalized.toLowerCase())) {
    problems.push('This password is on a list of commonly used passwords; choose another.');
  } else if (zxcvbn(normalized, personal).score < 3) {
    problems.push('This password would be easy to guess; add more unrelated words.');
  }
  return problems;
}
