import 'server-only';
import { NextResponse } from 'next/server';
import type { ZodError } from 'zod';
import { RedisUnavailableError } from '../circuit';

/** An error the client caused or may act on; its message is safe to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  return NextResponse.json<ErrorBody>({ error: { code, message } }, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

/** One readable sentence from zod's issues, naming the field at fault. */
export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export function toErrorResponse(error: unknown) {
  if (error instanceof ApiError) return errorResponse(error.status, error.code, error.message, error.headers);
  // Cached reads fail open; endpoints that are about Redis itself (settings, keys) cannot.
  if (error instanceof RedisUnavailableError) return errorResponse(503, 'redis_unavailable', 'Redis is not reachable right now; try again in a moment.');
  console.error('[cachelab] unhandled error in a route handler:', error);
  return errorResponse(500, 'internal_error', 'Something went wrong on the server; the error has been logged.');
}
