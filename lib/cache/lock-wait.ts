import 'server-only';
import { env } from '../core/env';
import { RedisUnavailableError } from '../core/redis';
import { freshFor, noteCorruptValue } from './answer';
import type { Call, Outcome } from './call';
import { decodeEnvelope } from './envelope';
import type { RedisRunner } from './options';
import { cacheCommands, type AwaitReply } from './scripts';
import { computeAndStore, computeUncached } from './store';
import type { CacheStrategy } from './types';

/**
 * Another caller holds the lock: poll for its value (every CACHE_LOCK_POLL_MS at first, backing
 * off to 4× that) instead of computing too. If the holder
 * lets go without a value (its compute failed) or its lock expires, the next poll takes the
 * lock and computes. After CACHE_LOCK_WAIT_MS the caller stops waiting and computes itself:
 * a slow holder costs one extra computation, never a request that waits forever.
 */
export async function awaitHolder<V>(redis: RedisRunner, call: Call<V>, strategy: CacheStrategy): Promise<Outcome<V>> {
  const deadline = performance.now() + env.CACHE_LOCK_WAIT_MS;
  let redisMs = 0;
  let interval = env.CACHE_LOCK_POLL_MS;
  const plus = (outcome: Outcome<V>) => ({ ...outcome, redisMs: outcome.redisMs + redisMs });
  while (performance.now() < deadline) {
    // Back off to 4× the poll interval, with jitter, so hundreds of waiters do not poll in lockstep.
    await sleep(interval * (0.8 + Math.random() * 0.4));
    interval = Math.min(interval * 1.5, env.CACHE_LOCK_POLL_MS * 4);
    const polled = performance.now();
    let reply: AwaitReply;
    try {
      reply = await redis((client) => cacheCommands(client).cachelabAwait(call.key, call.lock, Date.now(), call.token, env.CACHE_LOCK_TTL_MS));
    } catch (error) {
      if (error instanceof RedisUnavailableError) return plus(await computeUncached(call));
      throw error;
    }
    redisMs += performance.now() - polled;
    if (reply[0] === 'wait') continue;
    if (reply[0] === 'locked') return plus(await computeAndStore(redis, call, strategy, true));
    const envelope = reply[0] === 'value' ? decodeEnvelope(reply[1], call.options.isValue) : null;
    if (envelope) {
      return { value: envelope.v, status: 'coalesced', strategy, computeMs: 0, ttlMs: freshFor(envelope, reply[2]), redisMs };
    }
    noteCorruptValue(call.options);
    return plus(await computeAndStore(redis, call, strategy, false));
  }
  return plus(await computeAndStore(redis, call, strategy, false));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
