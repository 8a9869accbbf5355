import { AppError } from '../errors.ts';
import type { HearthApp } from './types.ts';

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => hasNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v, depth + 1));
}

/** PostgreSQL rejects NUL in text; catch it here as a 400 instead of a 500 from the database. */
export function registerRejectNul(app: HearthApp): void {
  app.addHook('preValidation', async (request) => {
    if (hasNul(request.params) || hasNul(request.query) || hasNul(request.body)) {
      throw AppError.badRequest(
        'The request contains a NUL character, which Hearth does not accept.',
        'invalid_characters',
      );
    }
  });
}
