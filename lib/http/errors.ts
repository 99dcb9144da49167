import 'server-only';
import { NextResponse } from 'next/server';
import type { ZodError } from 'zod';
import { RedisUnavailableError } from '../core/circuit';
import { env } from '../core/env';
import { ApiError } from '../core/errors';

export { ApiError };

export interface ErrorBody {
  error: { code: string; message: string };
}

/** The one error shape; `route()` adds `Cache-Control: no-store` to it like to every answer. */
function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  return NextResponse.json<ErrorBody>({ error: { code, message } }, { status, headers });
}

/** One readable sentence from zod's issues, naming the field at fault. */
export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export function toErrorResponse(error: unknown) {
  if (error instanceof ApiError) return errorResponse(error.status, error.code, error.message, error.headers);
  // Work that needs Redis itself (invalidate, flush, listing keys) cannot fail open: say so plainly.
  if (error instanceof RedisUnavailableError) {
    const retryAfter = String(Math.ceil(env.REDIS_BREAKER_COOLDOWN_MS / 1000));
    return errorResponse(503, 'redis_unavailable', 'Redis is not answering right now; try again in a few seconds.', { 'Retry-After': retryAfter });
  }
  console.error('[cachelab] unhandled error in a route handler:', error);
  return errorResponse(500, 'internal_error', 'Something went wrong on the server; the error has been logged.');
}
