import { Type, type Static } from 'typebox';

const Item = Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' });
const List = (description: string, minItems = 0) =>
  Type.Array(Item, { minItems, maxItems: 30, description });

/** Stanley–Brown, each step a list of strings (DESIGN.md); only the warning signs required. */
const steps = {
  warningSigns: List('Warning signs that a crisis may be developing.', 1),
  copingStrategies: Type.Optional(List('Internal coping strategies.')),
  socialContacts: Type.Optional(List('People and social settings that provide distraction.')),
  peopleToAsk: Type.Optional(List('People to ask for help.')),
  professionals: Type.Optional(
    List(
      'Professionals or agencies to contact during a crisis. When omitted, the 988 Suicide & Crisis Lifeline is filled in.',
    ),
  ),
  safeEnvironment: Type.Optional(List('Making the environment safe (means restriction).')),
  reasonsForLiving: Type.Optional(List('Reasons for living.')),
};
export type SafetyPlanSteps = {
  warningSigns: string[];
  copingStrategies: string[];
  socialContacts: string[];
  peopleToAsk: string[];
  professionals: string[];
  safeEnvironment: string[];
  reasonsForLiving: string[];
};

export const NewSafetyPlan = Type.Object(
  {
    ...steps,
    supersedesId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: "The client's current plan, when this one replaces it.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type NewSafetyPlan = Static<typeof NewSafetyPlan>;

const header = {
  id: Type.String(),
  clientId: Type.String(),
  authorId: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  supersedesId: Type.Union([Type.String(), Type.Null()]),
  supersededById: Type.Union([Type.String(), Type.Null()]),
  current: Type.Boolean(),
  professionalsPrefilled: Type.Boolean(),
};

export const SafetyPlanHeader = Type.Object(header, { additionalProperties: false });
export type SafetyPlanHeader = Static<typeof SafetyPlanHeader>;

const list = (d: string) => Type.Array(Type.String(), { description: d });
export const SafetyPlan = Type.Object(
  {
    ...header,
    warningSigns: list('Warning signs.'),
    copingStrategies: list('Internal coping strategies.'),
    socialContacts: list('People and social settings that provide distraction.'),
    peopleToAsk: list('People to ask for help.'),
    professionals: list('Professionals or agencies to contact during a crisis.'),
    safeEnvironment: list('Making the environment safe.'),
    reasonsForLiving: list('Reasons for living.'),
  },
  { additionalProperties: false },
);
export type SafetyPlan = Static<typeof SafetyPlan>;

export const IdParams = Type.Object(
  { id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
