// Shapes of the scheduling API's answers that the screens use (see docs/scheduling.md).

export type AppointmentStatus =
  'scheduled' | 'confirmed' | 'arrived' | 'completed' | 'cancelled' | 'late_cancelled' | 'no_show';

export type StatusReason =
  | 'client_request'
  | 'client_illness'
  | 'clinician_unavailable'
  | 'practice_closed'
  | 'weather'
  | 'transport'
  | 'rescheduled'
  | 'no_contact'
  | 'other';

export type Kind = 'in_person' | 'telehealth';
export type Scope = 'this' | 'following' | 'all';

export interface Appointment {
  id: string;
  clientId: string;
  client: { id: string; firstName: string; lastName: string; preferredName: string | null };
  clinicianId: string;
  /** UTC instants. */
  start: string;
  end: string;
  timeZone: string;
  localStart: string;
  localEnd: string;
  kind: Kind;
  location: { id: string; name: string } | null;
  serviceCode: string;
  status: AppointmentStatus;
  statusReason: StatusReason | null;
  seriesId: string | null;
  /** The series' RRULE (describeRule puts it in words). */
  seriesRule: string | null;
  detached: boolean;
  /** Only in the clinicians' and admins' view; the front desk and billers never get the key. */
  remark?: string | null;
  updatedAt: string;
}

export interface Occurrence {
  id: string;
  start: string;
  end: string;
  localStart: string;
  localEnd: string;
  outsideWorkingHours: boolean;
}

export interface CreatedAppointment extends Appointment {
  outsideWorkingHours: boolean;
  series: { id: string; rrule: string; occurrences: Occurrence[] } | null;
}

export interface ChangedAppointment extends Appointment {
  outsideWorkingHours: boolean;
  changed: number;
}

export interface Clinician {
  id: string;
  name: string;
  role: string;
}

export interface Location {
  id: string;
  name: string;
}

export interface HoursBlock {
  weekday: number;
  start: string;
  end: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
}

export interface Hours {
  clinicianId: string;
  timeZone: string;
  blocks: HoursBlock[];
}

export type TimeOffReason = 'vacation' | 'sick' | 'training' | 'holiday' | 'personal' | 'other';

export interface TimeOff {
  id: string;
  clinicianId: string;
  start: string;
  end: string;
  timeZone: string;
  localStart: string;
  localEnd: string;
  reason: TimeOffReason;
  overlappingAppointments?: number;
}

export interface CalendarFeed {
  id: string;
  clinicianId: string;
  createdAt: string;
  lastAccessedAt: string | null;
}

export interface NewAppointmentBody {
  clientId: string;
  clinicianId: string;
  start: string;
  end: string;
  kind: Kind;
  locationId?: string | null;
  serviceCode: string;
  status?: AppointmentStatus;
  statusReason?: StatusReason;
  remark?: string;
  recurrence?: { rrule: string };
}

export interface AppointmentPatch {
  scope?: Scope;
  start?: string;
  end?: string;
  clinicianId?: string;
  kind?: Kind;
  locationId?: string | null;
  serviceCode?: string;
  status?: AppointmentStatus;
  statusReason?: StatusReason | null;
  remark?: string | null;
  recurrence?: { rrule: string };
}
