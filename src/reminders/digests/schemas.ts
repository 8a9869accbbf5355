import { Type, type Static } from 'typebox';

const Count = Type.Integer({ minimum: 0 });

export const Digest = Type.Object(
  {
    notesToCosign: Count,
    sessionsWithoutNote: Count,
    drafts: Count,
    noteDays: Type.Integer({
      minimum: 1,
      description: 'A session counts as without a note once it is this many days old.',
    }),
  },
  { additionalProperties: false },
);
export type Digest = Static<typeof Digest>;

export const DigestEmailChoice = Type.Object(
  {
    enabled: Type.Boolean({
      description: 'Whether a daily email counts what waits for the signed-in user.',
    }),
  },
  { additionalProperties: false },
);
export type DigestEmailChoice = Static<typeof DigestEmailChoice>;
