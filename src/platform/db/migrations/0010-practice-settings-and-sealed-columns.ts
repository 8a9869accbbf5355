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
    // The session check of every request, as a function so that its plan is made once per
    // connection: planning the statement cost more than running it (0.75 ms against 0.11 ms).
    // It runs as its caller (the app role), under row-level security, and returns the facts
    // that decide whether the session stands; a session that stands is marked as seen, at
    // most every 30 seconds.
    `create function hearth_session_state(token bytea, address inet)
       returns table (session_id uuid, user_id uuid, mfa_pending boolean, role text,
                      user_status text, practice_status text, revoked boolean, expired boolean,
                      idle boolean, address_allowed boolean)
       language plpgsql volatile security invoker
       as $$
       begin
         return query
           select s.id, s.user_id, s.mfa_pending, u.role, u.status, p.status,
                  s.revoked_at is not null,
                  s.expires_at <= now(),
                  s.last_seen_at + make_interval(mins => p.idle_timeout_minutes) <= now(),
                  coalesce(cardinality(p.ip_allowlist) = 0 or address <<= any (p.ip_allowlist), false)
             from sessions s
             join users u on u.id = s.user_id
             join practices p on p.id = s.practice_id
            where s.token_hash = token;
         update sessions s set last_seen_at = now()
           from users u, practices p
          where s.token_hash = token and u.id = s.user_id and p.id = s.practice_id
            and s.last_seen_at < now() - interval '30 seconds'
            and s.revoked_at is null and s.expires_at > now()
            and s.last_seen_at + make_interval(mins => p.idle_timeout_minutes) > now()
            and u.status = 'active' and p.status = 'active'
            and (cardinality(p.ip_allowlist) = 0 or address <<= any (p.ip_allowlist));
       end
       $$`,
    `revoke all on function hearth_session_state(bytea, inet) from public`,
    `grant execute on function hearth_session_state(bytea, inet) to hearth_app`,
    // Sealed columns name themselves, so that re-keying finds every one without a list to forget.
    ...sealedColumnDdl('users', 'totp_secret'),
    ...sealedColumnDdl('users', 'totp_pending_secret'),
    ...sealedColumnDdl('users', 'sms_phone'),
    ...sealedColumnDdl('users', 'sms_pending_phone'),
  ],
};
