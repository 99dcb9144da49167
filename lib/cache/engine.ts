import 'server-only';
import { env } from '../core/env';
import { RedisUnavailableError, withRedis } from '../core/redis';
import { answer, countFailure, freshFor, noteCorruptValue } from './answer';
import { Call, type Outcome } from './call';
import { decodeEnvelope, type Envelope } from './envelope';
import { cacheKey } from './keys';
import { awaitHolder } from './lock-wait';
import type { NearTier } from './near/near-cache';
import { processNearCache } from './near/process';
import { NearSlot } from './near-slot';
import type { CachedOptions, CachedResult, RedisRunner } from './options';
import { readEntry, readTracked, type EntryRead } from './read';
import { BackgroundRefreshes } from './refresh';
import { cacheCommands, type LockClaim, type LookupReply } from './scripts';
import { admit, computeAndStore, NotAdmitted, timed } from './store';
import { strategySettings } from './strategy-setting';
import { tracing } from './tracing';
import type { CacheStrategy } from './types';

export type { CachedOptions, CachedResult, RedisRunner } from './options';

interface Inflight {
  strategy: CacheStrategy;
  outcome: Promise<Outcome<unknown>>;
  /** The leader's span (a `traceparent`) when tracing is on: what the callers that join it link to. */
  holder: string | undefined;
}

/**
 * Cache-aside with a choice of stampede protection: look the key up; on a hit return it; on a
 * miss compute (or wait for whoever computes), store with its expiry, return. Redis trouble
 * never fails a request: it computes (status `bypass`). One instance per app process; tests
 * make a second one with its own Redis connection to play a second app instance.
 */
export class CacheEngine {
  /** In-process single flight: concurrent misses of one key share one computation (or one wait). */
  private readonly inflight = new Map<string, Inflight>();
  private readonly refreshes: BackgroundRefreshes;
  private readonly nearSlot: NearSlot;

  /**
   * `near`: the L1 for strategy `near` (the default: the process' own, on connections of its
   * own); resolving to null makes `near` serve like `cache-aside`.
   */
  constructor(
    private readonly redis: RedisRunner = withRedis,
    near: () => Promise<NearTier | null> = processNearCache,
  ) {
    this.refreshes = new BackgroundRefreshes(redis);
    this.nearSlot = new NearSlot(near);
  }

  /**
   * The hit path: at most one GET. Strategy `near` first asks L1 (no Redis at all); then one
   * plain GET (on the near cache's tracked reader for `near`), and a fresh envelope is a hit.
   * Everything else is decided on the miss path — by the lookup script for the lock strategies,
   * which must take the lock atomically with the read.
   *
   * Not an async function, nor are `serve` and `look`: on a hit the caller's promise is the GET's
   * reply chain plus one `then`, with no async frame to allocate and resume (docs/hit-path.md). A
   * throw before the read still rejects the returned promise, as an async function's would.
   */
  cached<V>(options: CachedOptions<V>): Promise<CachedResult<V>> {
    // Tracing off: one property read, no span and no closure on the hit path.
    const traced = tracing();
    return traced === null ? this.serve(options) : traced.lookup(options, () => this.serve(options));
  }

  private serve<V>(options: CachedOptions<V>): Promise<CachedResult<V>> {
    try {
      const call = new Call(options, cacheKey(options.key), performance.now());
      if (options.mode === 'bypass') return this.bypass(call);
      const strategy = options.strategy ?? strategySettings().now(options.scenario);
      if (strategy === undefined) return strategySettings().of(options.scenario).then((known) => this.look(call, known));
      return this.look(call, strategy);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private look<V>(call: Call<V>, strategy: CacheStrategy): Promise<CachedResult<V>> {
    const near = strategy === 'near' ? this.nearSlot.current() : null;
    if (near) {
      const now = Date.now();
      const local = near.peek<V>(call.key, now);
      if (local) return Promise.resolve(answer(call, { status: 'near-hit', strategy, value: local.value, ttlMs: local.freshUntil - now, lookupMs: 0, computeMs: 0, refreshing: false }, now));
    }
    const running = this.joinable(call);
    if (running) return this.join(call, running, 0);

    const { options } = call;
    let reading: Promise<EntryRead<V>>;
    try {
      reading = this.redis((client) => (near?.state === 'ready' ? readTracked(near, call.key, options.isValue) : readEntry(client, call.key, options.isValue)));
    } catch (error) {
      reading = Promise.reject(error);
    }
    return reading.then(
      (read) => this.afterRead(call, strategy, read),
      (error: unknown) => {
        if (error instanceof RedisUnavailableError) return this.bypass(call);
        throw error;
      },
    );
  }

  private afterRead<V>(call: Call<V>, strategy: CacheStrategy, read: EntryRead<V>): CachedResult<V> | Promise<CachedResult<V>> {
    const lookupMs = performance.now() - call.started;
    if (read.kind === 'fresh') return this.served(call, 'hit', strategy, read.envelope, 0, lookupMs, false, read.at);
    if (strategy === 'lock' || strategy === 'swr' || read.kind === 'legacy') return this.lookup(call, strategy);
    if (read.kind === 'foreign') noteCorruptValue(call.options);
    return this.missed(call, strategy, '', lookupMs);
  }

  /** The lookup script: reads again and, for the lock strategies, takes the lock or the refresh in the same step. */
  private async lookup<V>(call: Call<V>, strategy: CacheStrategy): Promise<CachedResult<V>> {
    const { options } = call;
    let reply: LookupReply;
    try {
      // `near` stores and misses like cache-aside; the script knows only the strategies that lock.
      const scripted = strategy === 'near' ? 'cache-aside' : strategy;
      reply = await this.redis((client) => cacheCommands(client).cachelabLookup(call.key, call.lock, Date.now(), scripted, call.token, env.CACHE_LOCK_TTL_MS));
    } catch (error) {
      if (error instanceof RedisUnavailableError) return this.bypass(call);
      throw error;
    }
    // Both round trips (the GET and the script) are lookup time.
    const lookupMs = performance.now() - call.started;

    if (reply[0] === 'hit' || reply[0] === 'stale') {
      const refresh = reply[0] === 'stale' && reply[4] === 'refresh';
      const envelope = decodeEnvelope(reply[1], options.isValue);
      if (envelope) return this.served(call, reply[0], strategy, envelope, reply[2], lookupMs, refresh);
      // A foreign or corrupt value: recompute and overwrite it (under the lock if we took it), and say so.
      noteCorruptValue(options);
      return this.missed(call, strategy, refresh ? 'locked' : '', lookupMs);
    }
    if (reply[0] === 'foreign') {
      noteCorruptValue(options);
      return this.missed(call, strategy, '', lookupMs);
    }
    return this.missed(call, strategy, reply[4], lookupMs, reply[5]);
  }

  /** Resolves once the background refreshes running now have finished (tests, shutdown). */
  settled(): Promise<void> {
    return this.refreshes.settled();
  }

  private served<V>(
    call: Call<V>,
    status: 'hit' | 'stale',
    strategy: CacheStrategy,
    envelope: Envelope<V>,
    pttl: number,
    lookupMs: number,
    refresh: boolean,
    now = Date.now(),
  ): CachedResult<V> {
    if (refresh) this.refreshes.start(call, strategy);
    // Served the moment the lookup ended: its clock is the answer's too (one clock read fewer per hit).
    return answer(call, { status, strategy, value: envelope.v, ttlMs: freshFor(envelope, pttl, now), lookupMs, computeMs: 0, refreshing: refresh }, now, call.started + lookupMs);
  }

  /** `lockHolder`: the lock's value when another caller holds it (its span when it traces). */
  private async missed<V>(call: Call<V>, strategy: CacheStrategy, claim: LockClaim, lookupMs: number, lockHolder = ''): Promise<CachedResult<V>> {
    // A lock holder computes even if this process already waits on the key: the waiter will find its value.
    const running = claim === 'locked' ? undefined : this.joinable(call);
    if (running) return this.join(call, running, lookupMs);

    // Registered in `inflight` before anything is awaited, so concurrent misses of this process still join it.
    const traced = tracing();
    const outcome =
      claim === 'contended'
        ? traced === null
          ? awaitHolder(this.redis, call, strategy)
          : traced.wait(call.options, lockHolder, 'lock', () => awaitHolder(this.redis, call, strategy))
        : admit(this.redis, call, claim === 'locked').then(() => computeAndStore(this.redis, call, strategy, claim === 'locked'));
    const shared = call.options.coalesce !== false && !this.inflight.has(call.key);
    if (shared) this.inflight.set(call.key, { strategy, outcome, holder: traced?.holder() });
    try {
      const done = await outcome;
      return answer(call, { ...done, lookupMs: lookupMs + done.redisMs, refreshing: false });
    } catch (error) {
      if (error instanceof NotAdmitted) throw error.cause;
      countFailure(call.options, 'miss', strategy);
      throw error;
    } finally {
      if (shared) this.inflight.delete(call.key);
    }
  }

  private joinable(call: Call<unknown>): Inflight | undefined {
    // Nothing in flight is the rule on a hit: no lookup (and no hashing of a new key string) then.
    return call.options.coalesce === false || this.inflight.size === 0 ? undefined : this.inflight.get(call.key);
  }

  private async join<V>(call: Call<V>, running: Inflight, lookupMs: number): Promise<CachedResult<V>> {
    let done: Outcome<unknown>;
    const traced = tracing();
    try {
      done = await (traced === null ? running.outcome : traced.wait(call.options, running.holder, 'in-process', () => running.outcome));
    } catch (error) {
      // The leader was refused its computation (its client's budget): that is not this caller's answer.
      if (error instanceof NotAdmitted) return this.serve(call.options);
      countFailure(call.options, 'coalesced', running.strategy);
      throw error;
    }
    return answer(call, { status: 'coalesced', strategy: done.strategy, value: done.value as V, ttlMs: done.ttlMs, lookupMs, computeMs: 0, refreshing: false });
  }

  private async bypass<V>(call: Call<V>): Promise<CachedResult<V>> {
    await call.options.admit?.();
    const { value, computeMs } = await timed(call.options);
    return answer(call, { status: 'bypass', strategy: null, value, ttlMs: null, lookupMs: 0, computeMs, refreshing: false });
  }
}
