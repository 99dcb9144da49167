import 'server-only';
import type { z } from 'zod';
import { ApiError } from '@/lib/http/errors';
import { route, type DeclaredRoute, type RouteInput, type RouteRules } from '@/lib/http/handler';
import { LabError } from '@/lib/features/labs/errors';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * `route()` for the labs: LabErrors keep their status and code; trouble talking to the lab
 * Redis itself (down, paused, refusing CONFIG) is a 503 that says so, never a 500.
 */
export function labRoute<Q extends z.ZodType = z.ZodObject<Record<string, never>>, B extends z.ZodType | undefined = undefined, P extends z.ZodType | undefined = undefined>(
  rules: RouteRules<Q, B, P>,
  handler: (input: RouteInput<z.output<Q>, Out<B>, Out<P>>) => Promise<Response>,
): DeclaredRoute {
  return route(rules, async (input) => {
    try {
      return await handler(input);
    } catch (error) {
      throw asApiError(error);
    }
  });
}

function asApiError(error: unknown): unknown {
  if (error instanceof LabError) return new ApiError(error.status, error.code, error.message);
  if (error instanceof ApiError || !isRedisTrouble(error)) return error;
  return new ApiError(503, 'lab_redis_unavailable', `The lab Redis did not do it: ${error.message}`);
}

function isRedisTrouble(error: unknown): error is Error {
  return error instanceof Error && (error.name === 'ReplyError' || /Connection is closed|Command timed out|Stream isn't writeable|ECONNREFUSED/.test(error.message));
}
