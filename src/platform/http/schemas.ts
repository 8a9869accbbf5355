import { Type, type TSchema } from 'typebox';

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable name of the error.' }),
      message: Type.String({ description: 'What went wrong, in words for the user.' }),
    }),
  },
  { $id: 'ErrorResponse', additionalProperties: false },
);

/** A route's response schemas plus the error shape for every 4xx and 5xx. */
export function responses<T extends Record<number, TSchema>>(ok: T) {
  return { ...ok, '4xx': Type.Ref('ErrorResponse'), '5xx': Type.Ref('ErrorResponse') };
}
