import { APP_ROLE, CURRENT_PRACTICE_SQL, JOBS_ROLE } from '../roles.ts';
import type { Migration } from '../migration.ts';
import { tenantTableDdl } from '../tenant-ddl.ts';

const PRACTICE = `practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id)`;

/**
 * When a reminder due at `p_due` falls inside quiet hours (local wall-clock, in `p_zone`), it
 * moves to the window's end if that is still before the appointment, else to its start. Quiet
 * hours are an open interval: their edges are allowed. Equal edges: no quiet hours.
 */
const REMINDER_DUE = `create function hearth_reminder_due(
    p_due timestamptz, p_zone text, p_quiet_start time, p_quiet_end time, p_start timestamptz)
  returns timestamptz language plpgsql stable as $$
  declare
    v_local timestamp := p_due at time zone p_zone;
    v_time time := v_local::time;
    v_day date := v_local::date;
    v_earlier timestamp;
    v_later timestamp;
  begin
    if p_quiet_start = p_quiet_end then return p_due; end if;
    if p_quiet_start < p_quiet_end then
      if not (v_time > p_quiet_start and v_time < p_quiet_end) then return p_due; end if;
      v_earlier := v_day + p_quiet_start;
      v_later := v_day + p_quiet_end;
    elsif v_time > p_quiet_start then
      v_earlier := v_day + p_quiet_start;
      v_later := v_day + 1 + p_quiet_end;
    elsif v_time < p_quiet_end then
      v_earlier := v_day - 1 + p_quiet_start;
      v_later := v_day + p_quiet_end;
    else
      return p_due;
    end if;
    if (v_later at time zone p_zone) < p_start then return v_later at time zone p_zone; end if;
    return v_earlier at time zone p_zone;
  end $$`;

/**
 * The reminders the rules call for, for these appointments, as things stand: one per rule and
 * channel, for a booked (scheduled or confirmed) appointment of a kind the rule covers, on a
 * channel the client's preferences allow (email unless turned off; SMS only when turned on
 * and consent is recorded). Whether the client has an address or a number, and whether the
 * number opted out, is checked when the reminder is sent, and a skipped one says why.
 *
 * A booking made inside a rule's offset (Thursday for Friday, with a 48-hour rule) would get
 * nothing from that rule; the client still needs reminding. So of the rules whose time has
 * passed, the latest one per channel is kept as a catch-up (`late`), due now (or after quiet
 * hours), when the appointment is still at least an hour away. SYNC sends a catch-up only when
 * nothing else was ever sent or planned on that channel for this start.
 */
const DESIRED_REMINDERS = `create function hearth_desired_reminders(p_ids uuid[])
  returns table (practice_id uuid, appointment_id uuid, rule_id uuid, channel text,
                 appointment_start timestamptz, due_at timestamptz, late boolean)
  language sql stable security invoker as $$
    with planned as (
      select a.practice_id, a.id as appointment_id, r.id as rule_id, ch.channel,
             a.start_at as appointment_start,
             coalesce(cp.time_zone, p.time_zone) as zone,
             coalesce(s.quiet_start, time '21:00') as quiet_start,
             coalesce(s.quiet_end, time '08:00') as quiet_end,
             hearth_reminder_due(a.start_at - make_interval(mins => r.offset_minutes),
                                 coalesce(cp.time_zone, p.time_zone),
                                 coalesce(s.quiet_start, time '21:00'),
                                 coalesce(s.quiet_end, time '08:00'),
                                 a.start_at) as due_at
        from appointments a
        join practices p on p.id = a.practice_id
        join reminder_rules r on r.practice_id = a.practice_id
                             and r.enabled and r.deleted_at is null and a.kind = any (r.kinds)
        cross join lateral unnest(r.channels) as ch(channel)
        left join reminder_settings s on s.practice_id = a.practice_id
        left join client_contact_preferences cp
               on cp.practice_id = a.practice_id and cp.client_id = a.client_id
       where a.id = any (p_ids)
         and a.status in ('scheduled', 'confirmed')
         and case ch.channel
               when 'email' then coalesce(cp.email_reminders, true)
               else coalesce(cp.sms_reminders, false) and cp.sms_consent_at is not null
             end),
    marked as (
      select pl.*, pl.due_at <= now() as late,
             row_number() over (partition by pl.appointment_id, pl.channel, pl.due_at <= now()
                                order by pl.due_at desc) as recency
        from planned pl)
    select m.practice_id, m.appointment_id, m.rule_id, m.channel, m.appointment_start,
           case when m.late
                then hearth_reminder_due(now(), m.zone, m.quiet_start, m.quiet_end,
                                         m.appointment_start)
                else m.due_at end,
           m.late
      from marked m
     where not m.late
        or (m.recency = 1 and m.appointment_start >= now() + interval '1 hour')
  $$`;

/**
 * Brings the reminders of these appointments in line with their rules: a pending reminder no
 * longer called for (the appointment moved, was cancelled, the rule or the client's choice
 * changed) is withdrawn; a reminder called for, due in the future and not already pending,
 * sent or skipped for this very start time, is created. Runs inside the transaction that
 * changed the appointment (by trigger), so a booking and its reminders commit together.
 *
 * A reminder already queued for a start the appointment no longer has (moved, cancelled) must
 * never reach the client: while its outbox message has not begun sending, the message is
 * failed with reason `appointment_changed` and its text erased (the recipient stays, for the
 * delivery log), and the reminder is withdrawn — so moving the appointment back plans a fresh
 * one. A message already handed to the provider (`sending_at`) or sent is beyond recall.
 */
const SYNC_REMINDERS = `create function hearth_sync_reminders(p_ids uuid[])
  returns void language sql security invoker as $$
    with desired as materialized (select * from hearth_desired_reminders(p_ids)),
    stale as (
      select x.id, x.outbox_id
        from reminders x
        join appointments a on a.practice_id = x.practice_id and a.id = x.appointment_id
       where x.appointment_id = any (p_ids) and x.status = 'queued' and x.outbox_id is not null
         and (a.status not in ('scheduled', 'confirmed') or a.start_at <> x.appointment_start)),
    neutralised as (
      update notification_outbox o
         set status = 'failed', status_at = now(), last_error = 'appointment_changed', body = ''
        from stale s
       where o.id = s.outbox_id and o.status = 'queued'
         and o.sent_at is null and o.sending_at is null
      returning o.id),
    recalled as (
      update reminders x set status = 'withdrawn', status_detail = 'appointment_changed',
                             updated_at = now()
        from neutralised n
       where x.outbox_id = n.id
      returning x.id),
    withdrawn as (
      update reminders x set status = 'withdrawn', status_detail = 'appointment_changed',
                             updated_at = now()
       where x.appointment_id = any (p_ids) and x.status = 'pending'
         and not exists (select 1 from desired d
                          where d.appointment_id = x.appointment_id and d.rule_id = x.rule_id
                            and d.channel = x.channel and d.appointment_start = x.appointment_start
                            and (d.due_at = x.due_at or d.late))
      returning x.id)
    insert into reminders (practice_id, appointment_id, rule_id, channel, due_at, appointment_start)
    select d.practice_id, d.appointment_id, d.rule_id, d.channel, d.due_at, d.appointment_start
      from desired d
     where (d.due_at > now() or d.late)
       -- One statement sees the rows as they were before it: a pending reminder with another
       -- due time is being withdrawn above, so only one with this due time, or one already
       -- sent or skipped, stands in the way.
       and not exists (select 1 from reminders x
                        where x.appointment_id = d.appointment_id and x.rule_id = d.rule_id
                          and x.channel = d.channel and x.appointment_start = d.appointment_start
                          and x.status <> 'withdrawn'
                          and (x.status <> 'pending' or x.due_at = d.due_at or d.late))
       -- A catch-up only where this channel has had nothing for this start.
       and not (d.late and exists (select 1 from reminders y
                                    where y.appointment_id = d.appointment_id
                                      and y.channel = d.channel
                                      and y.appointment_start = d.appointment_start
                                      and y.status <> 'withdrawn'))
  $$`;

export const migration: Migration = {
  version: 26,
  name: 'reminders',
  statements: [
    // The practice's reminder settings; no row: the defaults below.
    `create table reminder_settings (
       ${PRACTICE} primary key,
       quiet_start time not null default '21:00',
       quiet_end time not null default '08:00',
       late_cancel_hours integer not null default 24 check (late_cancel_hours between 0 and 336),
       email_subject text check (length(email_subject) between 1 and 200),
       email_body text check (length(email_body) between 1 and 2000),
       sms_body text check (length(sms_body) between 1 and 480),
       failure_alert_percent integer not null default 20
         check (failure_alert_percent between 1 and 100),
       digest_note_days integer not null default 3 check (digest_note_days between 1 and 60),
       updated_by uuid,
       updated_at timestamptz not null default now(),
       foreign key (practice_id, updated_by) references users (practice_id, id)
     )`,
    ...tenantTableDdl('reminder_settings', {
      app: 'select, insert, update',
      jobs: 'select',
    }),

    // When reminders go: minutes before the start, on which channels, for which kinds.
    `create table reminder_rules (
       id uuid primary key default gen_random_uuid(),
       ${PRACTICE},
       offset_minutes integer not null check (offset_minutes between 15 and 43200),
       channels text[] not null check (cardinality(channels) between 1 and 2
         and channels <@ array['email', 'sms']),
       kinds text[] not null check (cardinality(kinds) between 1 and 2
         and kinds <@ array['in_person', 'telehealth']),
       ask_confirmation boolean not null default false,
       enabled boolean not null default true,
       created_by uuid not null,
       created_at timestamptz not null default now(),
       deleted_at timestamptz,
       unique (practice_id, id),
       foreign key (practice_id, created_by) references users (practice_id, id)
     )`,
    ...tenantTableDdl('reminder_rules', { app: 'select, insert, update', jobs: 'select' }),

    // A client's choices: reminder channels, consent to texts (when and by whom), time zone.
    `create table client_contact_preferences (
       ${PRACTICE},
       client_id uuid not null,
       email_reminders boolean not null default true,
       sms_reminders boolean not null default false,
       sms_consent_at timestamptz,
       sms_consent_by uuid,
       time_zone text check (length(time_zone) between 1 and 64),
       updated_by uuid not null,
       updated_at timestamptz not null default now(),
       primary key (practice_id, client_id),
       check ((sms_consent_at is null) = (sms_consent_by is null)),
       foreign key (practice_id, client_id) references clients (practice_id, id),
       foreign key (practice_id, sms_consent_by) references users (practice_id, id),
       foreign key (practice_id, updated_by) references users (practice_id, id)
     )`,
    ...tenantTableDdl('client_contact_preferences', {
      app: 'select, insert, update',
      jobs: 'select',
    }),

    // The delivery log lives on the outbox: what kind of message, its state and the
    // provider's reason; an idempotency key makes a second enqueue of one reminder impossible.
    `alter table notification_outbox
       add column kind text not null default 'account'
         check (kind in ('account', 'alert', 'reminder', 'reply', 'digest')),
       add column idempotency_key text check (length(idempotency_key) <= 200),
       add column status text not null default 'queued'
         check (status in ('queued', 'sent', 'delivered', 'failed')),
       add column status_at timestamptz,
       add column provider_id text check (length(provider_id) <= 100),
       add column next_attempt_at timestamptz,
       add column sending_at timestamptz,
       add column expires_at timestamptz,
       add constraint notification_outbox_practice_id unique (practice_id, id)`,
    `update notification_outbox set status = 'sent', status_at = sent_at where sent_at is not null`,
    `create unique index notification_outbox_idempotency on notification_outbox (idempotency_key)
       where idempotency_key is not null`,
    `create index notification_outbox_by_provider on notification_outbox (provider_id)
       where provider_id is not null`,

    // One row per reminder an appointment calls for. Its delivery state is the outbox row's.
    `create table reminders (
       id uuid primary key default gen_random_uuid(),
       ${PRACTICE},
       appointment_id uuid not null,
       rule_id uuid not null,
       channel text not null check (channel in ('email', 'sms')),
       due_at timestamptz not null,
       appointment_start timestamptz not null,
       status text not null default 'pending'
         check (status in ('pending', 'queued', 'withdrawn', 'skipped')),
       status_detail text check (length(status_detail) <= 100),
       outbox_id uuid,
       asks_reply boolean not null default false,
       sms_to_digest bytea check (length(sms_to_digest) = 32),
       reply_token_hash bytea unique check (length(reply_token_hash) = 32),
       replied_at timestamptz,
       reply text check (reply in ('confirmed', 'cancelled', 'late_cancelled')),
       reply_channel text check (reply_channel in ('sms', 'email')),
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       check ((reply is null) = (replied_at is null) and (reply is null) = (reply_channel is null)),
       foreign key (practice_id, appointment_id) references appointments (practice_id, id),
       foreign key (practice_id, rule_id) references reminder_rules (practice_id, id),
       foreign key (practice_id, outbox_id) references notification_outbox (practice_id, id)
     )`,
    `create index reminders_due on reminders (due_at) where status = 'pending'`,
    `create index reminders_by_appointment on reminders (practice_id, appointment_id)`,
    `create index reminders_by_number on reminders (sms_to_digest, appointment_start desc)
       where sms_to_digest is not null and replied_at is null`,
    ...tenantTableDdl('reminders', {
      app: 'select, insert, update',
      jobs: 'select, insert, update',
    }),

    // Carriers' STOP / START per number, for this deployment's sender: not a practice's data.
    // The number is kept only as a keyed digest (platform/sms/phone.ts).
    `create table sms_opt_outs (
       number_digest bytea primary key check (length(number_digest) = 32),
       opted_out boolean not null,
       changed_at timestamptz not null default now()
     )`,
    `grant select, insert, update on sms_opt_outs to ${APP_ROLE}, ${JOBS_ROLE}`,

    // A client's reply changes an appointment: no staff member did it, the channel did.
    `alter table appointments alter column updated_by drop not null`,
    `alter table appointments add column updated_via text check (updated_via in ('sms', 'email')),
       add constraint appointments_updated_by_someone
         check (updated_by is not null or updated_via is not null)`,
    `alter table appointments drop constraint appointments_status_reason_check`,
    `alter table appointments add constraint appointments_status_reason_check
       check (status_reason in ('client_request', 'client_illness', 'clinician_unavailable',
         'practice_closed', 'weather', 'transport', 'rescheduled', 'no_contact', 'other',
         'by_client'))`,

    // Staff digests: a PHI-free daily email, by the user's choice.
    `alter table users add column digest_email boolean not null default false`,

    REMINDER_DUE,
    DESIRED_REMINDERS,
    SYNC_REMINDERS,
    `create function hearth_appointments_reminders() returns trigger
       language plpgsql security invoker as $$
       begin
         perform hearth_sync_reminders(array(select id from changed));
         return null;
       end $$`,
    `create trigger appointments_reminders_insert after insert on appointments
       referencing new table as changed for each statement
       execute function hearth_appointments_reminders()`,
    `create trigger appointments_reminders_update after update on appointments
       referencing new table as changed for each statement
       execute function hearth_appointments_reminders()`,
    // A client's choices, a rule or the quiet hours changing: their future appointments follow.
    `create function hearth_client_reminders() returns trigger
       language plpgsql security invoker as $$
       begin
         perform hearth_sync_reminders(array(
           select a.id from appointments a
            where a.practice_id = new.practice_id and a.client_id = new.client_id
              and a.start_at > now() and a.status in ('scheduled', 'confirmed')));
         return null;
       end $$`,
    `create trigger client_contact_preferences_reminders
       after insert or update on client_contact_preferences
       for each row execute function hearth_client_reminders()`,
    `create function hearth_practice_reminders() returns trigger
       language plpgsql security invoker as $$
       begin
         perform hearth_sync_reminders(array(
           select a.id from appointments a
            where a.practice_id = new.practice_id
              and a.start_at > now() and a.status in ('scheduled', 'confirmed')));
         return null;
       end $$`,
    `create trigger reminder_rules_reminders after insert or update on reminder_rules
       for each row execute function hearth_practice_reminders()`,
    `create trigger reminder_settings_reminders after insert or update on reminder_settings
       for each row execute function hearth_practice_reminders()`,
    // The practice's zone is the quiet hours' zone for clients without their own.
    `create function hearth_practice_zone_reminders() returns trigger
       language plpgsql security invoker as $$
       begin
         perform hearth_sync_reminders(array(
           select a.id from appointments a
            where a.practice_id = new.id
              and a.start_at > now() and a.status in ('scheduled', 'confirmed')));
         return null;
       end $$`,
    `create trigger practices_reminders after update of time_zone on practices
       for each row when (old.time_zone is distinct from new.time_zone)
       execute function hearth_practice_zone_reminders()`,
  ],
};
