import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { ValidationError } from './errors';

/** Fastify validator compiler over zod that keeps the raw issues, so they can be translated per request. */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const unstorable = unstorableTextAt(data);
    if (unstorable) {
      return { error: new ValidationError([{ code: 'custom', path: unstorable, message: 'invalid' }]) };
    }
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: new ValidationError(result.error.issues) };
  };

/** Half of a surrogate pair: in a `u` regular expression a whole pair is one code point and never matches. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Where a request holds text PostgreSQL cannot store as sent (a NUL character, or half of a UTF-16 surrogate
 * pair), in a value or a key: such input is a 400 on every route, instead of a database error (a 500) or a
 * silently replaced character.
 */
export function unstorableTextAt(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\u0000') || LONE_SURROGATE.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unstorableTextAt(item, [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = unstorableTextAt(key, [...path, key]) ?? unstorableTextAt(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
