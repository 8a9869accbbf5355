import type { Migration } from '../migration.ts';
import { sealedColumnDdl } from '../tenant-ddl.ts';

export const migration: Migration = {
  version: 10,
  name: 'practice-settings-and-sealed-columns',
  statements: [
    // Scheduling works in the practice's own time zone (IANA name), so a 9:00 weekly session
    // stays at 9:00 local across daylight-saving changes.
    `alter table practices add column time_zone text not null default 'America/New_York'
       check (length(time_zone) between 1 and 64)`,
    // Notes by associates need a supervisor's co-signature unless the practice turns it off.
    `alter table practices add column cosign_associate_notes boolean not null default true`,
    // Largest document one upload may store (bytes); 100 MB unless the admin changes it.
    `alter table practices add column document_size_limit bigint not null default 104857600
       check (document_size_limit between 1048576 and 10737418240)`,
    // Sealed columns name themselves, so that re-keying finds every one without a list to forget.
    ...sealedColumnDdl('users', 'totp_secret'),
    ...sealedColumnDdl('users', 'totp_pending_secret'),
    ...sealedColumnDdl('users', 'sms_phone'),
    ...sealedColumnDdl('users', 'sms_pending_phone'),
  ],
};
