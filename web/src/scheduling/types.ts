// Shapes of the scheduling API's answers that the screens use, named from the generated API
// types (see web/src/api/paths.ts and docs/scheduling.md).
import type { BodyOf, ItemOf, ResponseOf } from '../api/paths.ts';

/** Times are UTC instants; `localStart`/`localEnd` are in the appointment's zone. */
export type Appointment = ItemOf<'/api/v1/appointments'>;
export type AppointmentStatus = Appointment['status'];
export type StatusReason = NonNullable<Appointment['statusReason']>;
export type Kind = Appointment['kind'];

export type NewAppointmentBody = BodyOf<'/api/v1/appointments', 'post'>;
export type AppointmentPatch = BodyOf<'/api/v1/appointments/{id}', 'patch'>;
export type Scope = NonNullable<AppointmentPatch['scope']>;
/** The reasons staff may give (not `by_client`, which only a client's reply sets). */
export type StaffReason = NonNullable<AppointmentPatch['statusReason']>;

export type CreatedAppointment = ResponseOf<'/api/v1/appointments', 'post'>;
export type Occurrence = NonNullable<CreatedAppointment['series']>['occurrences'][number];
export type ChangedAppointment = ResponseOf<'/api/v1/appointments/{id}', 'patch'>;

export type SlotCheck = ResponseOf<'/api/v1/appointments/check'>;

export type Clinician = ItemOf<'/api/v1/clinicians'>;
export type Location = ItemOf<'/api/v1/locations'>;
export type Hours = ResponseOf<'/api/v1/clinicians/{id}/hours'>;
export type HoursBlock = Hours['blocks'][number];

export type TimeOff = ItemOf<'/api/v1/clinicians/{id}/time-off'>;
/** A new time off also says how many appointments it overlaps. */
export type NewTimeOff = ResponseOf<'/api/v1/clinicians/{id}/time-off', 'post'>;
export type TimeOffReason = TimeOff['reason'];

export type CalendarFeed = ItemOf<'/api/v1/calendar-feeds'>;
