import { Type } from 'typebox';
import { Instant, literals } from '../appointments/appointment-schemas.ts';

export const ClinicianParams = Type.Object(
  { id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
export const IdParams = ClinicianParams;

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Time = Type.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
  description: 'Local HH:MM.',
});
const Day = Type.String({ format: 'date' });
const LocalDateTime = Type.String({
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]$',
  description: 'Local wall clock in the practice zone, YYYY-MM-DDTHH:MM.',
});

export const Clinicians = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        { id: Type.String(), name: Type.String(), role: Type.String() },
        { additionalProperties: false },
      ),
    ),
    nextCursor: Type.Null(),
  },
  { additionalProperties: false },
);

const Block = Type.Object(
  {
    weekday: Type.Integer({ minimum: 1, maximum: 7, description: '1 = Monday … 7 = Sunday.' }),
    start: Time,
    end: Time,
    effectiveFrom: Nullable(Day),
    effectiveTo: Nullable(Day),
  },
  { additionalProperties: false },
);
const BlockInput = Type.Object(
  {
    weekday: Block.properties.weekday,
    start: Time,
    end: Time,
    effectiveFrom: Type.Optional(Nullable(Day)),
    effectiveTo: Type.Optional(Nullable(Day)),
  },
  { additionalProperties: false },
);

export const HoursBody = Type.Object(
  { blocks: Type.Array(BlockInput, { maxItems: 50 }) },
  { additionalProperties: false },
);
export const Hours = Type.Object(
  { clinicianId: Type.String(), timeZone: Type.String(), blocks: Type.Array(Block) },
  { additionalProperties: false },
);

const TimeOffReason = literals([
  'vacation',
  'sick',
  'training',
  'holiday',
  'personal',
  'other',
] as const);
export const TimeOffBody = Type.Object(
  { start: LocalDateTime, end: LocalDateTime, reason: TimeOffReason },
  { additionalProperties: false },
);
const timeOffFields = {
  id: Type.String(),
  clinicianId: Type.String(),
  start: Type.String({ format: 'date-time' }),
  end: Type.String({ format: 'date-time' }),
  timeZone: Type.String(),
  localStart: Type.String(),
  localEnd: Type.String(),
  reason: TimeOffReason,
};
export const TimeOff = Type.Object(timeOffFields, { additionalProperties: false });
export const CreatedTimeOff = Type.Object(
  {
    ...timeOffFields,
    overlappingAppointments: Type.Integer({
      description: 'Booked appointments inside it, to move.',
    }),
  },
  { additionalProperties: false },
);
export const TimeOffList = Type.Object(
  { items: Type.Array(TimeOff), nextCursor: Type.Null() },
  { additionalProperties: false },
);
export const OptionalRange = Type.Object(
  { from: Type.Optional(Instant), to: Type.Optional(Instant) },
  { additionalProperties: false },
);
export const Range = Type.Object({ from: Instant, to: Instant }, { additionalProperties: false });

export const Availability = Type.Object(
  {
    clinicianId: Type.String(),
    timeZone: Type.String(),
    items: Type.Array(
      Type.Object(
        {
          start: Type.String({ format: 'date-time' }),
          end: Type.String({ format: 'date-time' }),
          localStart: Type.String(),
          localEnd: Type.String(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

const Location = Type.Object(
  { id: Type.String(), name: Type.String() },
  { additionalProperties: false },
);
export const LocationBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' }) },
  { additionalProperties: false },
);
export const LocationAnswer = Location;
export const Locations = Type.Object(
  { items: Type.Array(Location), nextCursor: Type.Null() },
  { additionalProperties: false },
);
