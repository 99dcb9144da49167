import 'server-only';
import { env } from '../core/env';
import { RedisUnavailableError } from '../core/redis';
import { noteCorruptValue, noteStored } from './answer';
import type { Call, Outcome } from './call';
import { encodeEnvelope } from './envelope';
import type { CachedOptions, RedisRunner } from './options';
import { cacheCommands } from './scripts';
import { tracing } from './tracing';
import { expiryKind, type CacheStrategy, type Expiry } from './types';

/**
 * Compute, then store with the strategy's physical expiry, releasing our lock in the same
 * script. A failing compute releases the lock at once, so waiters take over instead of
 * waiting for it to expire.
 */
export async function computeAndStore<V>(redis: RedisRunner, call: Call<V>, strategy: CacheStrategy, holdsLock: boolean): Promise<Outcome<V>> {
  try {
    const { value, computeMs } = await timed(call.options);
    if (!call.options.isValue(value)) return await refuseToStore(redis, call, value, strategy, computeMs, holdsLock);
    const plan = storagePlan(call.options.expiry, strategy, Date.now());
    const payload = encodeEnvelope(value, { freshUntil: plan.freshUntil, storedAt: Date.now(), computeMs, expiry: expiryKind(call.options.expiry) });
    const storeStarted = performance.now();
    const outcome = { value, status: 'miss' as const, strategy, computeMs };
    try {
      const pttl = await redis((client) =>
        cacheCommands(client).cachelabStore(call.key, call.lock, payload, plan.mode, plan.at, holdsLock ? call.token : ''),
      );
      // What Redis says, less the grace period: exactly the TTL asked for, right after the write.
      const ttlMs = pttl > 0 ? Math.max(0, pttl - plan.graceMs) : null;
      if (pttl > 0) noteStored(call, computeMs, Date.now() + pttl);
      return { ...outcome, ttlMs, redisMs: performance.now() - storeStarted };
    } catch (error) {
      // Not stored (the lock, if any, expires by itself); the value still answers the request.
      if (!(error instanceof RedisUnavailableError)) throw error;
      return { ...outcome, ttlMs: null, redisMs: performance.now() - storeStarted };
    }
  } catch (error) {
    if (holdsLock) await release(redis, call);
    throw error;
  }
}

/**
 * A computed value not of its scenario's shape answers its request but is never stored:
 * reads of version-2 envelopes trust the shape checked here (envelope.ts).
 */
async function refuseToStore<V>(redis: RedisRunner, call: Call<V>, value: V, strategy: CacheStrategy, computeMs: number, holdsLock: boolean): Promise<Outcome<V>> {
  noteCorruptValue(call.options);
  console.warn(`[cachelab] ${call.options.scenario}: computed a value that is not of its declared shape; answered, not cached`);
  if (holdsLock) await release(redis, call);
  return { value, status: 'miss', strategy, computeMs, ttlMs: null, redisMs: 0 };
}

/** The caller's admission to compute; refused, it lets go of the lock at once so a waiter takes over. */
export async function admit(redis: RedisRunner, call: Call<unknown>, holdsLock: boolean): Promise<void> {
  try {
    await call.options.admit?.();
  } catch (error) {
    if (holdsLock) await release(redis, call);
    throw new NotAdmitted(error);
  }
}

/** `admit` refused a computation: the leader's own error (its cause), never shared with callers that joined it. */
export class NotAdmitted extends Error {
  constructor(readonly cause: unknown) {
    super('not admitted to compute');
  }
}

async function release(redis: RedisRunner, call: Call<unknown>): Promise<void> {
  try {
    await redis((client) => cacheCommands(client).cachelabRelease(call.lock, call.token));
  } catch {
    // Unreachable Redis: the lock expires by itself after CACHE_LOCK_TTL_MS.
  }
}

export async function computeUncached<V>(call: Call<V>): Promise<Outcome<V>> {
  const { value, computeMs } = await timed(call.options);
  return { value, status: 'bypass', strategy: null, computeMs, ttlMs: null, redisMs: 0 };
}

/** Where a value stays fresh until, and how long Redis keeps it: with `swr`, a grace period longer. */
function storagePlan(expiry: Expiry, strategy: CacheStrategy, now: number) {
  const graceMs = strategy === 'swr' ? env.CACHE_SWR_GRACE_SECONDS * 1000 : 0;
  if ('ttlMs' in expiry) {
    const ttlMs = Math.max(1, Math.round(expiry.ttlMs));
    return { freshUntil: now + ttlMs, graceMs, mode: 'PX' as const, at: ttlMs + graceMs };
  }
  const expireAt = Math.round(expiry.expireAt);
  return { freshUntil: expireAt, graceMs, mode: 'PXAT' as const, at: expireAt + graceMs };
}

/** The scenario's computation, timed (and, when tracing is on, in a span of its own). */
export async function timed<V>(options: CachedOptions<V>): Promise<{ value: V; computeMs: number }> {
  const started = performance.now();
  const traced = tracing();
  const value = await (traced === null ? options.compute() : traced.compute(options, options.compute));
  return { value, computeMs: performance.now() - started };
}
