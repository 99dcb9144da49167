import 'server-only';
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { ApiError, describeZodError } from './errors';

/** Parse untrusted input or throw a 400 that says which field is wrong and why. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, code = 'invalid_input'): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ApiError(400, code, describeZodError(parsed.error));
  return parsed.data;
}

const NO_QUERY = z.strictObject({});

/**
 * The query string through a strict schema (unknown parameters are a 400, which catches
 * typos like `?cahce=bypass`). A repeated parameter is refused rather than silently
 * resolved, so `?cache=bypass&cache=x` cannot mean two things. No schema: no parameters.
 */
export function parseQuery<S extends z.ZodType>(request: NextRequest, schema: S = NO_QUERY as unknown as S): z.output<S> {
  const names = [...request.nextUrl.searchParams.keys()];
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated !== undefined) throw new ApiError(400, 'invalid_query', `${repeated}: must be given once`);
  // fromEntries defines own properties, so `?__proto__=x` is an unknown key, not a prototype.
  return parseInput(schema, Object.fromEntries(request.nextUrl.searchParams), 'invalid_query');
}
