import type { Migration } from '../migration.ts';

export const migration: Migration = {
  version: 27,
  name: 'delivery-outbox-due',
  statements: [
    // The delivery's claim looks only at messages still queued. The older index (unsent,
    // 0006) also holds every message that failed for good, which the claim would wade through.
    `create index notification_outbox_queued on notification_outbox (created_at)
       where status = 'queued' and recipient is not null`,
  ],
};
