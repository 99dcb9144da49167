import 'server-only';
import { isIP } from 'node:net';
import type { NextRequest } from 'next/server';
import { env } from '../core/env';
import { ApiError } from '../core/errors';

/**
 * DNS rebinding: a page on evil.example re-points its name at 127.0.0.1 and calls us as
 * same-origin, so every header it sends (Host, Origin) names evil.example. Only the Host tells
 * us that, so every route answers only to names we know: IP literals (students reach the
 * teacher's LAN address), `localhost`, and the names in ALLOWED_HOSTS. A proxy's
 * X-Forwarded-Host is checked the same way, as the origin check compares against it.
 */
export function requireKnownHost(request: NextRequest, allowed: readonly string[] = env.ALLOWED_HOSTS): void {
  const forwarded = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  const hosts = [request.headers.get('host') ?? request.nextUrl.host, forwarded].filter((host): host is string => Boolean(host));
  const unknown = hosts.find((host) => !isKnownHost(host, allowed));
  if (unknown !== undefined) {
    const shown = unknown.length > 64 ? `${unknown.slice(0, 64)}…` : unknown;
    throw new ApiError(421, 'unknown_host', `This server does not answer to the host "${shown}"; add its name to ALLOWED_HOSTS.`);
  }
}

export function isKnownHost(host: string, allowed: readonly string[]): boolean {
  const name = hostName(host.toLowerCase());
  if (name === null) return false;
  return name === 'localhost' || isIP(name) !== 0 || allowed.includes(name);
}

/** `example.org:3000` → `example.org`, `[::1]:3000` → `::1`; null for what no browser would send. */
function hostName(host: string): string | null {
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(host);
  if (bracketed) return bracketed[1] ?? null;
  const plain = /^([a-z0-9.-]+)(?::\d{1,5})?$/.exec(host);
  return plain?.[1]?.replace(/\.$/, '') ?? null;
}
