import 'server-only';
import type { NextRequest } from 'next/server';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { statsKeys } from '../cache/keys';
import { env } from '../core/env';
import { getRedis, RedisUnavailableError, withRedis } from '../core/redis';
import { ApiError } from './errors';
import { processWide } from '../core/process-wide';

/** Separate budgets: a visitor who spends theirs on lookups can still invalidate, and the reverse. */
export type LimitBucket = 'scenario' | 'admin';

/**
 * Per-client limit on expensive work and mutations: RATE_LIMIT_POINTS per RATE_LIMIT_WINDOW_SECONDS
 * per bucket (0 disables), counted in Redis so every app process shares one budget. `route()` calls
 * it for a declared `limit`: before the handler for mutations, and only when the request computes
 * for scenario lookups (`limit: 'compute'`: a hit costs no limiter round trip). Over the limit it
 * throws a 429 with Retry-After. Redis away never blocks anyone: the count goes on in memory.
 */
export async function limitRequest(request: NextRequest, bucket: LimitBucket): Promise<void> {
  if (env.RATE_LIMIT_POINTS === 0) return;
  const verdict = await consume(bucket, clientId(request));
  if (verdict.allowed) return;
  const seconds = Math.max(1, Math.ceil(verdict.msBeforeNext / 1000));
  throw new ApiError(
    429,
    'rate_limited',
    `Too many requests: at most ${env.RATE_LIMIT_POINTS} every ${env.RATE_LIMIT_WINDOW_SECONDS} s. Try again in ${seconds} s.`,
    { 'Retry-After': String(seconds) },
  );
}

/**
 * Who is asking. `next start` fills X-Forwarded-For with the socket's address when a request
 * has none, and a reverse proxy appends the address it saw, so the last entry comes from the
 * nearest hop. Trust assumption: behind one proxy that appends (nginx
 * `$proxy_add_x_forwarded_for`, Caddy, Traefik) that is the real client. Exposed directly,
 * a client may send its own header and pick its identity: the limit then stops runaway
 * scripts and classroom floods, not a determined attacker rotating fake addresses.
 */
export function clientId(request: NextRequest): string {
  const last = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() ?? '';
  // Bounded, because it becomes part of a Redis key.
  return last.slice(0, 64) || 'unknown';
}

type Verdict = { allowed: true } | { allowed: false; msBeforeNext: number };

async function consume(bucket: LimitBucket, client: string): Promise<Verdict> {
  const { shared, local } = await limiters(bucket);
  if (shared) {
    try {
      // Through the circuit breaker: a frozen Redis costs one timeout, not one per request.
      return await withRedis(() => verdictOf(shared.consume(client)));
    } catch (error) {
      if (!(error instanceof RedisUnavailableError)) throw error;
    }
  }
  return verdictOf(local.consume(client));
}

/** rate-limiter-flexible rejects with a RateLimiterRes when over the limit: an answer, not an error. */
async function verdictOf(attempt: Promise<RateLimiterRes>): Promise<Verdict> {
  try {
    await attempt;
    return { allowed: true };
  } catch (outcome) {
    if (outcome instanceof RateLimiterRes) return { allowed: false, msBeforeNext: outcome.msBeforeNext };
    throw outcome;
  }
}

interface Limiters {
  /** In Redis, shared by every process; null with the embedded store (it is in-process anyway). */
  shared: RateLimiterRedis | null;
  /** This process only: the whole story with the embedded store, the fallback while Redis is away. */
  local: RateLimiterMemory;
}

const allLimiters = processWide('rate.limiters', () => new Map<LimitBucket, Promise<Limiters>>());

/** One pair per bucket per process. */
function limiters(bucket: LimitBucket): Promise<Limiters> {
  const all = allLimiters();
  let pair = all.get(bucket);
  if (!pair) all.set(bucket, (pair = createLimiters(bucket)));
  return pair;
}

async function createLimiters(bucket: LimitBucket): Promise<Limiters> {
  const options = { points: env.RATE_LIMIT_POINTS, duration: env.RATE_LIMIT_WINDOW_SECONDS, keyPrefix: statsKeys.rateLimit(bucket) };
  const local = new RateLimiterMemory(options);
  const { client, backend } = await getRedis();
  if (backend === 'embedded') return { shared: null, local };
  const shared = new RateLimiterRedis({
    ...options,
    storeClient: client,
    useRedisPackage: false,
    // Once a client is over the limit, refuse it from memory until its window ends: a flood costs Redis nothing.
    inMemoryBlockOnConsumed: env.RATE_LIMIT_POINTS + 1,
  });
  return { shared, local };
}
