import { ROLE_LABELS, type Role } from '../../../api/types.ts';
import { actionLabel } from './actions.ts';

const KEY_WORDS: Record<string, string> = {
  count: 'rows',
  searched: 'searched by name',
  byClinician: 'filtered by clinician',
  breakGlass: 'emergency access',
  userId: 'user',
  clientId: 'client',
  action: 'action',
  outcome: 'outcome',
};

/** "dateOfBirth" → "date of birth". */
const spelled = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/**
 * An event's detail in words: ids become names where the page knows them, empty values and
 * "no" flags are left out (a flag that is set says what it is: "emergency access").
 */
export function detailWords(
  detail: Record<string, string | number | boolean | null>,
  names: { user: (id: string) => string | undefined; client: (id: string) => string | undefined },
): string[] {
  const words: string[] = [];
  for (const [key, value] of Object.entries(detail)) {
    if (value === null || value === false || value === '') continue;
    const label = KEY_WORDS[key] ?? spelled(key);
    if (value === true) words.push(label);
    else if (key === 'userId')
      words.push(`${label}: ${names.user(String(value)) ?? 'a colleague'}`);
    else if (key === 'clientId')
      words.push(`${label}: ${names.client(String(value)) ?? 'a client'}`);
    else if (key === 'action') words.push(`${label}: ${actionLabel(String(value))}`);
    else if (key === 'role' || key === 'from' || key === 'to')
      words.push(
        `${label}: ${Object.hasOwn(ROLE_LABELS, String(value)) ? ROLE_LABELS[value as Role] : String(value)}`,
      );
    else words.push(`${label}: ${String(value)}`);
  }
  return words;
}
