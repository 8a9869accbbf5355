import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const COMMON: Options = {
  // Unknown fields are refused, never silently dropped before a write.
  removeAdditional: false,
  useDefaults: true,
  allErrors: false,
  strict: false,
};

/**
 * Two validators: path parameters, query strings and headers arrive as text and are coerced to
 * the declared types; JSON bodies are not coerced, so `{"age": "42"}` is a type error, not 42.
 */
export function buildValidatorCompiler(
  externalSchemas: Record<string, unknown> = {},
): FastifySchemaCompiler<FastifySchema> {
  const strict = addFormats(new Ajv({ ...COMMON, coerceTypes: false }));
  const coercing = addFormats(new Ajv({ ...COMMON, coerceTypes: 'array' }));
  for (const schema of Object.values(externalSchemas)) {
    strict.addSchema(schema as object);
    coercing.addSchema(schema as object);
  }
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema);
}
