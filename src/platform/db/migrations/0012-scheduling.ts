import { CURRENT_PRACTICE_SQL } from '../roles.ts';
import type { Migration } from '../migration.ts';
import { sealedColumnDdl, tenantTableDdl } from '../tenant-ddl.ts';

const PRACTICE = `practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id)`;

/** Statuses that hold the clinician's time; the others (cancelled, late cancel, no-show) free it. */
const OCCUPYING = `status in ('scheduled', 'confirmed', 'arrived', 'completed')`;

export const migration: Migration = {
  version: 12,
  name: 'scheduling',
  statements: [
    // Weekly working hours, as local wall-clock times in the practice's time zone.
    `create table working_hours (
       id uuid primary key default gen_random_uuid(),
       ${PRACTICE},
       clinician_id uuid not null references users (id),
       weekday smallint not null check (weekday between 1 and 7),
       start_time time not null,
       end_time time not null check (end_time > start_time),
       effective_from date,
       effective_to date check (effective_to >= effective_from),
       created_by uuid not null references users (id),
       created_at timestamptz not null default now(),
       -- Two blocks of one weekday may not overlap while both are in effect.
       constraint working_hours_no_overlap exclude using gist (
         practice_id with =, clinician_id with =, weekday with =,
         daterange(effective_from, effective_to, '[]') with &&,
         tsrange(date '2000-01-01' + start_time, date '2000-01-01' + end_time) with &&
       )
     )`,
    ...tenantTableDdl('working_hours', { app: 'select, insert, delete', jobs: 'select' }),

    `create table time_off (
       id uuid primary key default gen_random_uuid(),
       ${PRACTICE},
       clinician_id uuid not null references users (id),
       start_at timestamptz not null,
       end_at timestamptz not null,
       time_zone text not null check (length(time_zone) between 1 and 64),
       reason text not null check (reason in ('vacation', 'sick', 'training', 'holiday', 'personal', 'other')),
       created_by uuid not null references users (id),
       created_at timestamptz not null default now(),
       check (end_at > start_at and end_at - start_at <= interval '366 days')
     )`,
    `create index time_off_by_clinician on time_off
       using gist (practice_id, clinician_id, tstzrange(start_at, end_at))`,
    ...tenantTableDdl('time_off', { app: 'select, insert, delete', jobs: 'select' }),

    // Where in-person sessions happen: a short list kept by the practice's administrators, so
    // that appointments carry no free-text location (which could hold a client's address).
    `create table locations (
       id uuid primary key default gen_random_uuid(),
       ${PRACTICE},
       name text not null check (length(name) between 1 and 60),
       archived_at timestamptz,
       created_at timestamptz not null default now()
     )`,
    `create unique index locations_name on locations (practice_id, lower(name)) where archived_at is null`,
    ...tenantTableDdl('locations', { app: 'select, insert, update', jobs: 'select' }),

    // A recurring series: the rule and the zone its wall-clock times are kept in. Occurrences
    // are materialised as appointment rows, so the exclusion constraint guards each one.
    `create table appointment_series (
       id uuid primary key default gen_random_uuid(),
       ${PRACTICE},
       client_id uuid not null references clients (id),
       rrule text not null check (length(rrule) between 1 and 300),
       time_zone text not null check (length(time_zone) between 1 and 64),
       first_local_start timestamp not null,
       split_from uuid references appointment_series (id),
       created_by uuid not null references users (id),
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now()
     )`,
    ...tenantTableDdl('appointment_series', { app: 'select, insert, update', jobs: 'select' }),

    `create table appointments (
       id uuid primary key default gen_random_uuid(),
       ${PRACTICE},
       client_id uuid not null references clients (id),
       clinician_id uuid not null references users (id),
       start_at timestamptz not null,
       end_at timestamptz not null,
       time_zone text not null check (length(time_zone) between 1 and 64),
       kind text not null check (kind in ('in_person', 'telehealth')),
       location_id uuid references locations (id),
       service_code text not null check (service_code ~ '^[A-Z0-9]{5}$'),
       status text not null default 'scheduled' check (status in
         ('scheduled', 'confirmed', 'arrived', 'completed', 'cancelled', 'late_cancelled', 'no_show')),
       status_reason text check (status_reason in ('client_request', 'client_illness',
         'clinician_unavailable', 'practice_closed', 'weather', 'transport', 'rescheduled',
         'no_contact', 'other')),
       remark text,
       series_id uuid references appointment_series (id),
       recurrence_start timestamptz,
       detached boolean not null default false,
       sequence integer not null default 0,
       created_by uuid not null references users (id),
       created_at timestamptz not null default now(),
       updated_by uuid not null references users (id),
       updated_at timestamptz not null default now(),
       check (end_at > start_at and end_at - start_at <= interval '12 hours'),
       check (kind = 'in_person' or location_id is null),
       check ((status in ('cancelled', 'late_cancelled', 'no_show')) = (status_reason is not null)),
       check ((series_id is null) = (recurrence_start is null)),
       -- No double booking, whatever writes the row. Deferrable (checked at the end of each
       -- statement), so that one UPDATE may move several occurrences of a series past each other.
       constraint appointments_no_double_booking exclude using gist (
         practice_id with =, clinician_id with =, tstzrange(start_at, end_at) with &&
       ) where (${OCCUPYING}) deferrable initially immediate
     )`,
    // Calendars are range queries: a clinician's week, a client's list, the practice's day.
    // Appointments last at most 12 hours, so "overlaps [from, to)" is the index range
    // start_at in [from - 12 h, to).
    `create index appointments_clinician_calendar on appointments (practice_id, clinician_id, start_at)`,
    `create index appointments_client_calendar on appointments (practice_id, client_id, start_at)`,
    `create index appointments_practice_calendar on appointments (practice_id, start_at, id)`,
    `create index appointments_by_series on appointments (series_id, recurrence_start)
       where series_id is not null`,
    ...tenantTableDdl('appointments', { app: 'select, insert, update', jobs: 'select' }),
    ...sealedColumnDdl('appointments', 'remark'),

    // A clinician's calendar feed: the secret URL's token is stored as SHA-256 only.
    `create table calendar_feeds (
       id uuid primary key default gen_random_uuid(),
       ${PRACTICE},
       clinician_id uuid not null references users (id),
       token_hash bytea not null unique check (length(token_hash) = 32),
       created_by uuid not null references users (id),
       created_at timestamptz not null default now(),
       revoked_at timestamptz,
       last_accessed_at timestamptz
     )`,
    `create index calendar_feeds_by_clinician on calendar_feeds (practice_id, clinician_id)`,
    ...tenantTableDdl('calendar_feeds', { app: 'select, insert, update', jobs: 'select' }),
  ],
};
