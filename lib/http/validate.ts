import 'server-only';
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { ApiError, describeZodError } from './errors';

/**
 * Parse untrusted input or throw a 400 that says which field is wrong and why. A schema may give
 * a custom issue its own status and code (`params: { status: 413, code: 'sentence_too_long' }`).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, code = 'invalid_input'): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const own = parsed.error.issues.map(ownStatus).find((candidate) => candidate !== null);
  throw new ApiError(own?.status ?? 400, own?.code ?? code, describeZodError(parsed.error));
}

function ownStatus(issue: z.core.$ZodIssue): { status: number; code: string } | null {
  const params = issue.code === 'custom' ? issue.params : undefined;
  return typeof params?.status === 'number' && typeof params.code === 'string' ? { status: params.status, code: params.code } : null;
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
