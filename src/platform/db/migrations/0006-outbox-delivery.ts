import type { Migration } from '../migration.ts';

export const migration: Migration = {
  version: 6,
  name: 'outbox-delivery',
  statements: [
    // A delivery worker leases a message before sending it, so two processes never send twice;
    // an expired lease (a crash mid-send) lets another process retry.
    `alter table notification_outbox
       add column claimed_at timestamptz,
       add column attempts integer not null default 0,
       add column last_error text`,
    `create index notification_outbox_unsent on notification_outbox (created_at)
       where sent_at is null and recipient is not null`,
  ],
};
