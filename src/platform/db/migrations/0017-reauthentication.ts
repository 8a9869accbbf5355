import type { Migration } from '../migration.ts';

export const migration: Migration = {
  version: 17,
  name: 'reauthentication',
  statements: [
    // When the password was last typed into this very session (sign-in, sign-up, an accepted
    // invitation, POST /session/reauthenticate). A full session may add or replace a second
    // factor only within five minutes of it (auth/mfa/enrolment-rule.ts); null: never.
    `alter table sessions add column password_confirmed_at timestamptz`,
  ],
};
