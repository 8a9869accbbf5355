import { Type } from 'typebox';
import { Email, Label, Name, Password } from '../../auth/index.ts';

export const SignupBody = Type.Object(
  {
    practiceName: Label,
    name: Name,
    email: Email,
    password: Password,
    timeZone: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: "The practice's IANA time zone (default America/New_York).",
      }),
    ),
    baa: Type.Object(
      { accepted: Type.Literal(true), signature: Name },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
