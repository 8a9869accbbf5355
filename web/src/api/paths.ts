// Names for the parts of the generated API types (schema.ts) that the screens use: the answer
// of one route, one item of a list answer, and a request body.
import type { paths } from './schema.ts';

export type ApiPath = keyof paths;
export type ApiMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;
// A route answers one success status (201 for creation, 202 for "sent").
type Success<R> = R extends { 200: infer A }
  ? A
  : R extends { 201: infer A }
    ? A
    : R extends { 202: infer A }
      ? A
      : never;

/** The JSON answer of `method` on `path` when it succeeds. */
export type ResponseOf<P extends ApiPath, M extends ApiMethod = 'get'> = paths[P][M] extends {
  responses: infer R;
}
  ? Json<Success<R>>
  : never;

/** One item of a list answer (`{ items, nextCursor }`). */
export type ItemOf<P extends ApiPath, M extends ApiMethod = 'get'> =
  ResponseOf<P, M> extends { items: (infer I)[] } ? I : never;

/** The JSON request body of `method` on `path`. */
export type BodyOf<P extends ApiPath, M extends ApiMethod> = paths[P][M] extends {
  requestBody?: infer B;
}
  ? Json<NonNullable<B>>
  : never;
