import type { Migration } from '../migration.ts';
import { migration as m0001 } from './0001-roles-and-practices.ts';
import { migration as m0002 } from './0002-audit-trail.ts';
import { migration as m0003 } from './0003-accounts-and-sessions.ts';
import { migration as m0004 } from './0004-field-keys-and-mfa.ts';
import { migration as m0005 } from './0005-staff-and-access.ts';
import { migration as m0006 } from './0006-outbox-delivery.ts';
import { migration as m0007 } from './0007-sms-mfa.ts';
import { migration as m0008 } from './0008-clients.ts';
import { migration as m0009 } from './0009-passkeys.ts';
import { migration as m0010 } from './0010-practice-settings-and-sealed-columns.ts';
import { migration as m0011 } from './0011-diagnoses-and-insurance.ts';
import { migration as m0012 } from './0012-scheduling.ts';
import { migration as m0013 } from './0013-notes.ts';
import { migration as m0014 } from './0014-safety-plans.ts';
import { migration as m0015 } from './0015-documents.ts';
import { migration as m0016 } from './0016-one-round-trip-reads.ts';
import { migration as m0017 } from './0017-reauthentication.ts';
import { migration as m0018 } from './0018-account-lookups.ts';
import { migration as m0019 } from './0019-one-access-rule.ts';
import { migration as m0020 } from './0020-tenant-foreign-keys.ts';
import { migration as m0021 } from './0021-reseal-write-once.ts';
import { migration as m0022 } from './0022-client-name-words.ts';
import { migration as m0023 } from './0023-telehealth-link.ts';
import { migration as m0024 } from './0024-one-round-trip-client-read.ts';
import { migration as m0025 } from './0025-supervision-and-discard.ts';
import { migration as m0026 } from './0026-reminders.ts';
import { migration as m0027 } from './0027-delivery-outbox-due.ts';

/** Every migration, in order. A new one is appended here and never edited after it lands. */
export const MIGRATIONS: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
  m0015,
  m0016,
  m0017,
  m0018,
  m0019,
  m0020,
  m0021,
  m0022,
  m0023,
  m0024,
  m0025,
  m0026,
  m0027,
];
