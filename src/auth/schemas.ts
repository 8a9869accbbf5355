import { Type } from 'typebox';
import { PASSWORD_MAX } from './password-text.ts';

export const RoleSchema = Type.Union([
  Type.Literal('admin'),
  Type.Literal('supervisor'),
  Type.Literal('associate'),
  Type.Literal('biller'),
  Type.Literal('front_desk'),
]);

export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
// Long enough for any passphrase; the policy check gives the human-readable minimum.
export const Password = Type.String({ minLength: 1, maxLength: PASSWORD_MAX * 4 });
/** A person's name as staff and signatures carry it: long enough for any real one, short enough for a heading. */
export const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
/** A short label: a practice's name. */
export const Label = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });

export const SignInBody = Type.Object(
  { email: Email, password: Password },
  { additionalProperties: false },
);

export const SessionAnswer = Type.Object(
  {
    user: Type.Object({ id: Type.String(), role: RoleSchema }),
    practice: Type.Object({ id: Type.String() }),
    mfaRequired: Type.Boolean(),
    enrollmentRequired: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const MeAnswer = Type.Object(
  {
    user: Type.Object({
      id: Type.String(),
      role: RoleSchema,
      name: Type.String(),
      email: Type.String(),
    }),
    practice: Type.Object({
      id: Type.String(),
      name: Type.String(),
      isDemo: Type.Boolean(),
      mfaRequired: Type.Boolean(),
      idleTimeoutMinutes: Type.Integer(),
      timeZone: Type.String({ description: 'The IANA time zone the schedule is kept in.' }),
    }),
    permissions: Type.Array(Type.String()),
    session: Type.Object({ mfaPending: Type.Boolean() }),
    mfa: Type.Object({ totp: Type.Boolean(), sms: Type.Boolean(), passkey: Type.Boolean() }),
  },
  { additionalProperties: false },
);

/** GET /session: the signed-in person as /me tells it, or null for a visitor without a session. */
export const SessionState = Type.Object(
  { me: Type.Union([MeAnswer, Type.Null()]) },
  { additionalProperties: false },
);
