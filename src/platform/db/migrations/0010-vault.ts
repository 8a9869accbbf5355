import type { Migration } from '../migration.ts';
import { sealedColumnDdl } from '../tenant-ddl.ts';

export const migration: Migration = {
  version: 10,
  name: 'vault',
  statements: [
    // Sealed columns name themselves, so that re-keying finds every one without a list to forget.
    ...sealedColumnDdl('users', 'totp_secret'),
    ...sealedColumnDdl('users', 'totp_pending_secret'),
    ...sealedColumnDdl('users', 'sms_phone'),
    ...sealedColumnDdl('users', 'sms_pending_phone'),
  ],
};
