import { Type, type Static } from 'typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Str = Type.String();
const Time = Type.String({ format: 'date-time' });

const ChartClient = Type.Object(
  {
    id: Str,
    firstName: Str,
    lastName: Str,
    preferredName: Nullable(Str),
    pronouns: Nullable(Str),
    dateOfBirth: Str,
    email: Nullable(Str),
    phone: Nullable(Str),
    status: Str,
    clinicianIds: Type.Array(Str),
  },
  { additionalProperties: false },
);

/** What a claim needs of the client, as the biller's client view (src/clients/views.ts). */
const BilledClient = Type.Omit(ChartClient, ['pronouns'], { additionalProperties: false });

const ChartDiagnosis = Type.Object(
  {
    id: Str,
    code: Type.String({ description: 'With the dot, e.g. F41.1.' }),
    description: Nullable(Str),
    rank: Type.Union([Type.Integer(), Type.Null()]),
    fiscalYear: Type.Integer(),
  },
  { additionalProperties: false },
);

const ChartAppointment = Type.Object(
  {
    id: Str,
    start: Time,
    end: Time,
    status: Str,
    kind: Str,
    serviceCode: Str,
    clinician: Type.Object({ id: Str, name: Str }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

const ChartNote = Type.Object(
  {
    id: Str,
    template: Str,
    status: Str,
    dateOfService: Str,
    author: Type.Object({ id: Str, name: Str }, { additionalProperties: false }),
    signedAt: Type.Union([Time, Type.Null()]),
  },
  { additionalProperties: false },
);

const ChartSafetyPlan = Type.Union([
  Type.Object({ id: Str, createdAt: Time }, { additionalProperties: false }),
  Type.Null(),
]);

/**
 * What each role sees of a chart (DESIGN.md invariant 5): one schema per role, so a field a
 * role must not see cannot be serialised for it even by mistake.
 */
export const ClinicalChart = Type.Object(
  {
    view: Type.Literal('clinical'),
    client: ChartClient,
    diagnoses: Type.Array(ChartDiagnosis),
    nextAppointments: Type.Array(ChartAppointment),
    latestNotes: Type.Array(ChartNote),
    safetyPlan: ChartSafetyPlan,
  },
  { additionalProperties: false },
);
export const BillingChart = Type.Object(
  {
    view: Type.Literal('billing'),
    client: BilledClient,
    diagnoses: Type.Array(ChartDiagnosis),
    nextAppointments: Type.Array(ChartAppointment),
  },
  { additionalProperties: false },
);
export const FrontDeskChart = Type.Object(
  {
    view: Type.Literal('front_desk'),
    client: ChartClient,
    nextAppointments: Type.Array(ChartAppointment),
  },
  { additionalProperties: false },
);
export type Chart =
  Static<typeof ClinicalChart> | Static<typeof BillingChart> | Static<typeof FrontDeskChart>;

/**
 * The answer's schema: the view decides which of the three applies. Written as if/then on
 * `view` rather than anyOf, so the serialiser checks one field instead of validating the whole
 * answer against each schema in turn (half the time per chart, measured).
 */
export const ChartResponse = Type.Unsafe<Chart>({
  type: 'object',
  if: { type: 'object', properties: { view: { const: 'clinical' } }, required: ['view'] },
  then: ClinicalChart,
  else: {
    if: { type: 'object', properties: { view: { const: 'billing' } }, required: ['view'] },
    then: BillingChart,
    else: FrontDeskChart,
  },
});
