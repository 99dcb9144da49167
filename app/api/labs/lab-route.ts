import 'server-only';
import type { NextRequest } from 'next/server';
import { ApiError } from '@/lib/http/errors';
import { route } from '@/lib/http/handler';
import { LabError } from '@/lib/labs/errors';

type Handler<C> = (request: NextRequest, context: C) => Promise<Response>;

/**
 * A lab route: LabErrors keep their status and code; trouble talking to the lab Redis itself
 * (down, paused, refusing CONFIG) is a 503 that says so, never a 500.
 */
export function labRoute<C>(handler: Handler<C>): Handler<C> {
  return route(async (request, context: C) => {
    try {
      return await handler(request, context);
    } catch (error) {
      if (error instanceof LabError) throw new ApiError(error.status, error.code, error.message);
      if (error instanceof ApiError || !isRedisTrouble(error)) throw error;
      throw new ApiError(503, 'lab_redis_unavailable', `The lab Redis did not do it: ${error.message}`);
    }
  });
}

function isRedisTrouble(error: unknown): error is Error {
  return error instanceof Error && (error.name === 'ReplyError' || /Connection is closed|Command timed out|Stream isn't writeable|ECONNREFUSED/.test(error.message));
}
