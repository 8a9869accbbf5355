import { Type, type Static } from 'typebox';

/** A code as typed: `F41.1` or `F411`, any case; the second character may be a letter. */
const TypedCode = Type.String({
  minLength: 3,
  maxLength: 8,
  pattern: '^[A-Za-z][0-9A-Za-z]{2}(\\.?[0-9A-Za-z]{1,4})?$',
  description: 'An ICD-10-CM code, with or without the dot (F41.1 or F411).',
});
const FiscalYear = Type.Integer({ minimum: 2016, maximum: 2100 });
const IsoDate = Type.String({ format: 'date' });

export const CodeSet = Type.Object(
  {
    fiscalYear: Type.Integer(),
    effectiveFrom: Type.String({ format: 'date' }),
    effectiveTo: Type.String({ format: 'date' }),
    current: Type.Boolean({
      description:
        'False when the set in effect for the date is not loaded and an older one stood in: load it with hearth import-icd10.',
    }),
    neededFiscalYear: Type.Integer(),
  },
  { additionalProperties: false },
);

export const Code = Type.Object(
  {
    code: Type.String({ description: 'With the dot, as shown to people (F41.1).' }),
    billable: Type.Boolean({
      description: 'Only billable codes may be a diagnosis or on a claim.',
    }),
    shortDescription: Type.String(),
    description: Type.String(),
  },
  { additionalProperties: false },
);
export type Code = Static<typeof Code>;

export const CodeSearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 100, description: 'A code prefix or words.' }),
    billable: Type.Optional(Type.Boolean({ description: 'true: billable codes only.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
    fiscalYear: Type.Optional(FiscalYear),
  },
  { additionalProperties: false },
);
export type CodeSearchQuery = Static<typeof CodeSearchQuery>;

export const CodeSearchAnswer = Type.Object(
  { items: Type.Array(Code), nextCursor: Type.Null(), codeSet: CodeSet },
  { additionalProperties: false },
);

export const CodeParams = Type.Object({ code: TypedCode }, { additionalProperties: false });
export const CodeQuery = Type.Object(
  { fiscalYear: Type.Optional(FiscalYear) },
  { additionalProperties: false },
);
export const CodeAnswer = Type.Object(
  { ...Code.properties, codeSet: CodeSet },
  { additionalProperties: false },
);

const Status = Type.Union([Type.Literal('active'), Type.Literal('resolved')]);

export const Diagnosis = Type.Object(
  {
    id: Type.String(),
    clientId: Type.String(),
    code: Type.String({ description: 'With the dot (F41.1).' }),
    description: Type.String(),
    fiscalYear: Type.Integer({ description: 'The code set the code was chosen from.' }),
    rank: Type.Union([Type.Integer({ minimum: 1, maximum: 12 }), Type.Null()], {
      description: '1 = primary; null once resolved.',
    }),
    status: Status,
    onsetDate: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    resolvedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    addedBy: Type.String(),
    addedAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type Diagnosis = Static<typeof Diagnosis>;

export const DiagnosisList = Type.Object(
  { items: Type.Array(Diagnosis), nextCursor: Type.Null(), codeSet: CodeSet },
  { additionalProperties: false },
);

export const NewDiagnosis = Type.Object(
  {
    code: TypedCode,
    rank: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
    onsetDate: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type NewDiagnosis = Static<typeof NewDiagnosis>;

export const DiagnosisPatch = Type.Object(
  {
    rank: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
    status: Type.Optional(Status),
    resolvedOn: Type.Optional(IsoDate),
    onsetDate: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type DiagnosisPatch = Static<typeof DiagnosisPatch>;

export const DiagnosisAnswer = Type.Object(
  { ...Diagnosis.properties, codeSet: CodeSet },
  { additionalProperties: false },
);
