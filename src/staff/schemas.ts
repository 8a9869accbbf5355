import { Type } from 'typebox';
import { RoleSchema } from '../auth/index.ts';

export const StaffMember = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    email: Type.String(),
    role: RoleSchema,
    status: Type.String(),
    mfaEnabled: Type.Boolean(),
    supervisorId: Type.Union([Type.String(), Type.Null()]),
    credentials: Type.Union([Type.String(), Type.Null()]),
    emergencyAccess: Type.Boolean({ description: 'May use break-glass access.' }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

/** `PATCH /users/:id`: one change or several, each optional. */
export const StaffChange = Type.Object(
  {
    role: Type.Optional(RoleSchema),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('suspended')])),
    emergencyAccess: Type.Optional(Type.Boolean({ description: 'May use break-glass access.' })),
    supervisorId: Type.Optional(
      Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
        description:
          'Their clinical supervisor (an active supervisor or admin), who co-signs their notes; null for none.',
      }),
    ),
    credentials: Type.Optional(
      Type.Union(
        [
          // Letters, digits and the punctuation of credentials ("PhD, LP", "LPC-A"): no markup.
          Type.String({
            minLength: 1,
            maxLength: 40,
            pattern: '^(?=.*[\\p{L}\\p{N}])[\\p{L}\\p{N} .,()/&-]+$',
          }),
          Type.Null(),
        ],
        { description: 'Shown with their signature on notes, e.g. "LCSW"; null for none.' },
      ),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
