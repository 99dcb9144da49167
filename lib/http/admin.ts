import 'server-only';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { NextRequest } from 'next/server';
import { env } from '../core/env';
import { ApiError } from './errors';

/**
 * Guard for mutations (invalidate, flush, reset, simulations). Lives in the route
 * handlers, not only in middleware, so a forged `x-middleware-subrequest` cannot skip it.
 * Cross-origin browsers are refused; when ADMIN_TOKEN is set, the token is required.
 */
export function requireAdmin(request: NextRequest, adminToken = env.ADMIN_TOKEN): void {
  requireSameOrigin(request);
  if (adminToken === undefined) return;
  const presented = request.headers.get('x-admin-token') ?? bearer(request.headers.get('authorization'));
  if (presented === null || !sameSecret(presented, adminToken)) {
    throw new ApiError(401, 'admin_token_required', 'This action needs the admin token (header x-admin-token).');
  }
}

/** For visitors' own writes (playing a game): no token, but never from another site's page. */
export function requireSameOrigin(request: NextRequest): void {
  if (!isSameOrigin(request)) throw new ApiError(403, 'cross_origin', 'Cross-origin requests may not change anything here.');
}

/** Browsers send Origin on cross-site and on same-site mutations; tools like curl send none. */
function isSameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return request.headers.get('sec-fetch-site') !== 'cross-site';
  // `next start` sets X-Forwarded-Host to Host unless a proxy in front already did; a list names the first hop first.
  const host = (request.headers.get('x-forwarded-host') ?? request.headers.get('host'))?.split(',')[0]?.trim().toLowerCase();
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function bearer(header: string | null): string | null {
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/** Constant-time comparison; hashing first makes the lengths equal without leaking them. */
function sameSecret(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
