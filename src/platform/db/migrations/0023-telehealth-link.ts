import type { Migration } from '../migration.ts';

/**
 * A telehealth appointment's meeting link (issue 16): the address the clinician and client
 * join. Only https, only on telehealth appointments; plain text like the rest of the
 * appointment's shape (it names no client), read by those who read the schedule.
 */
export const migration: Migration = {
  version: 23,
  name: 'telehealth-link',
  statements: [
    `alter table appointments add column telehealth_url text
       check (telehealth_url is null or (length(telehealth_url) <= 500 and telehealth_url ~ '^https://\\S+$'))`,
    `alter table appointments add constraint appointments_telehealth_url_kind
       check (kind = 'telehealth' or telehealth_url is null)`,
  ],
};
