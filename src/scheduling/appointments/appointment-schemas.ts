import { Type, type Static, type TObject, type TProperties } from 'typebox';
import { CREATABLE, STAFF_REASONS, STATUSES, STATUS_REASONS } from './statuses.ts';

const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
export const literals = <T extends string>(values: readonly T[]) => Type.Enum(values);

/** ISO 8601 with an offset or Z: `2026-11-03T09:00:00-05:00`. */
export const Instant = Type.String({ format: 'date-time', maxLength: 40 });
const Kind = Type.Union([Type.Literal('in_person'), Type.Literal('telehealth')]);
const ServiceCode = Type.String({
  pattern: '^[A-Z0-9]{5}$',
  description: 'CPT or HCPCS code, e.g. 90834.',
});
const Reason = literals(STATUS_REASONS);
const StaffReason = literals(STAFF_REASONS);
const TelehealthUrl = Type.String({
  maxLength: 500,
  pattern: '^https://\\S+$',
  description: 'A telehealth appointment’s meeting link (https).',
});
const Remark = Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' });
export const Recurrence = Type.Object(
  {
    rrule: Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: '^[A-Z0-9=;,:+-]+$',
      description: 'An RFC 5545 RRULE without DTSTART, e.g. FREQ=WEEKLY;BYDAY=TU;COUNT=12.',
    }),
  },
  { additionalProperties: false },
);

export const NewAppointment = Type.Object(
  {
    clientId: Uuid,
    clinicianId: Uuid,
    start: Instant,
    end: Instant,
    kind: Kind,
    locationId: Type.Optional(Nullable(Uuid)),
    telehealthUrl: Type.Optional(Nullable(TelehealthUrl)),
    serviceCode: ServiceCode,
    status: Type.Optional(literals(CREATABLE)),
    statusReason: Type.Optional(StaffReason),
    remark: Type.Optional(Remark),
    recurrence: Type.Optional(Recurrence),
  },
  { additionalProperties: false },
);
export type NewAppointment = Static<typeof NewAppointment>;

export const AppointmentPatch = Type.Object(
  {
    scope: Type.Optional(
      Type.Union([Type.Literal('this'), Type.Literal('following'), Type.Literal('all')]),
    ),
    start: Type.Optional(Instant),
    end: Type.Optional(Instant),
    clinicianId: Type.Optional(Uuid),
    kind: Type.Optional(Kind),
    locationId: Type.Optional(Nullable(Uuid)),
    telehealthUrl: Type.Optional(Nullable(TelehealthUrl)),
    serviceCode: Type.Optional(ServiceCode),
    status: Type.Optional(literals(STATUSES)),
    statusReason: Type.Optional(Type.Union([StaffReason, Type.Null()])),
    remark: Type.Optional(Nullable(Remark)),
    recurrence: Type.Optional(Recurrence),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AppointmentPatch = Static<typeof AppointmentPatch>;

export const AppointmentListQuery = Type.Object(
  {
    from: Instant,
    to: Instant,
    clinicianId: Type.Optional(Uuid),
    clientId: Type.Optional(Uuid),
    status: Type.Optional(literals(STATUSES)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 500 })),
    cursor: Type.Optional(Type.String({ maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' })),
  },
  { additionalProperties: false },
);
export type AppointmentListQuery = Static<typeof AppointmentListQuery>;

const deskFields = {
  id: Type.String(),
  clientId: Type.String(),
  client: Type.Object(
    {
      id: Type.String(),
      firstName: Type.String(),
      lastName: Type.String(),
      preferredName: Nullable(Type.String()),
    },
    { additionalProperties: false },
  ),
  clinicianId: Type.String(),
  start: Type.String({ format: 'date-time', description: 'UTC.' }),
  end: Type.String({ format: 'date-time' }),
  timeZone: Type.String({ description: 'The practice zone the appointment was booked in.' }),
  localStart: Type.String({ description: 'Wall clock in timeZone, YYYY-MM-DDTHH:MM.' }),
  localEnd: Type.String(),
  kind: Kind,
  location: Type.Union([
    Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false }),
    Type.Null(),
  ]),
  telehealthUrl: Nullable(Type.String()),
  serviceCode: Type.String(),
  status: literals(STATUSES),
  statusReason: Type.Union([Reason, Type.Null()]),
  seriesId: Nullable(Type.String()),
  seriesRule: Nullable(
    Type.String({
      description:
        "The series' recurrence rule (RFC 5545 RRULE), e.g. FREQ=WEEKLY;BYDAY=TU;COUNT=12; after a this-and-following change, each half's own rule.",
    }),
  ),
  detached: Type.Boolean({ description: 'An occurrence edited on its own (an exception).' }),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedBy: Nullable(
    Type.String({ description: 'The staff member who last changed it; null: the client did.' }),
  ),
  updatedVia: Type.Union([Type.Literal('sms'), Type.Literal('email'), Type.Null()], {
    description: 'How the client changed it (a reply to a text, an email link); null: staff did.',
  }),
  updatedAt: Type.String({ format: 'date-time' }),
};
const clinicalFields = { ...deskFields, remark: Nullable(Type.String()) };

/**
 * The two views of an appointment: clinicians and admins (with the sealed remark), and the
 * front desk and billers (without it). The clinical view is listed first: it is the only one
 * with a `remark` key, so an object is written with exactly the fields its view declares.
 */
export function appointmentAnswer<P extends TProperties>(extra: P) {
  const clinical: TObject = Type.Object(
    { ...clinicalFields, ...extra },
    { additionalProperties: false, title: 'Appointment (clinicians, admins)' },
  );
  const desk: TObject = Type.Object(
    { ...deskFields, ...extra },
    { additionalProperties: false, title: 'Appointment (front desk, billers)' },
  );
  return Type.Union([clinical, desk]);
}

const Occurrence = Type.Object(
  {
    id: Type.String(),
    start: Type.String({ format: 'date-time' }),
    end: Type.String({ format: 'date-time' }),
    localStart: Type.String(),
    localEnd: Type.String(),
    outsideWorkingHours: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const CreatedAppointment = appointmentAnswer({
  outsideWorkingHours: Type.Boolean({
    description: 'The time is outside the clinician’s working hours or in their time off.',
  }),
  series: Type.Union([
    Type.Object(
      { id: Type.String(), rrule: Type.String(), occurrences: Type.Array(Occurrence) },
      { additionalProperties: false },
    ),
    Type.Null(),
  ]),
});

export const ChangedAppointment = appointmentAnswer({
  outsideWorkingHours: Type.Boolean(),
  changed: Type.Integer({ description: 'How many appointments the change rewrote.' }),
});

export const AppointmentList = Type.Object(
  { items: Type.Array(appointmentAnswer({})), nextCursor: Nullable(Type.String()) },
  { additionalProperties: false },
);

export const SlotQuery = Type.Object(
  {
    clinicianId: Uuid,
    start: Instant,
    end: Instant,
    exclude: Type.Optional(
      Type.String({ format: 'uuid', description: 'An appointment being moved: not a conflict.' }),
    ),
  },
  { additionalProperties: false },
);

export const SlotCheck = Type.Object(
  {
    free: Type.Boolean({ description: 'No other appointment holds the clinician then.' }),
    conflicts: Type.Array(
      Type.Object(
        { start: Type.String({ format: 'date-time' }), end: Type.String({ format: 'date-time' }) },
        { additionalProperties: false },
      ),
    ),
    message: Nullable(
      Type.String({
        description: 'The conflicts in words, e.g. "Alex Morgan already sees a client on …".',
      }),
    ),
    outsideWorkingHours: Type.Boolean({
      description: 'The time is outside the clinician’s working hours or in their time off.',
    }),
  },
  { additionalProperties: false },
);
