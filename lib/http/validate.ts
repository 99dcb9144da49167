import 'server-only';
import type { z } from 'zod';
import { ApiError, describeZodError } from './errors';

/** Parse untrusted input or throw a 400 that says which field is wrong and why. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, code = 'invalid_input'): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ApiError(400, code, describeZodError(parsed.error));
  return parsed.data;
}
