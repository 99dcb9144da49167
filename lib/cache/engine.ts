import 'server-only';
import { randomUUID } from 'node:crypto';
import { env } from '../env';
import { keyLifeRecorder } from '../keylife/recorder';
import { RedisUnavailableError, unlinkKeys, withRedis, type RedisClient } from '../redis';
import { decodeEnvelope, encodeEnvelope, type Envelope } from './envelope';
import type { Observation } from './event';
import { ERROR_FIELD, strategyFields } from './fields';
import { cacheKey, lockKey } from './keys';
import type { NearCache } from './near/near-cache';
import { processNearCache } from './near/process';
import { readEntry, readTracked, type EntryRead } from './read';
import { metricsRecorder } from './recorder';
import { cacheCommands, type AwaitReply, type LockClaim, type LookupReply } from './scripts';
import { strategySettings } from './strategy-setting';
import { expiryKind, type CacheStatus, type CacheStrategy, type Expiry, type ExpiryKind, type TrafficSource } from './types';

export interface CachedOptions<V> {
  /** Metric label, e.g. `username`. */
  scenario: string;
  /** The readable key, e.g. `expensive_function:alice`; the engine adds CACHE_PREFIX. */
  key: string;
  expiry: Expiry;
  compute: () => Promise<V>;
  /** Guards against foreign or outdated values under the key: anything else is a miss. */
  isValue: (value: unknown) => value is V;
  /** `bypass` computes without reading or writing the cache (side-by-side comparisons). */
  mode?: 'cache' | 'bypass';
  source?: TrafficSource;
  /** Omitted: the scenario's configured strategy (this process's copy, strategy-setting.ts), else `cache-aside`. */
  strategy?: CacheStrategy;
  /**
   * Join a computation of the same key already running in this process (default true). `false`
   * makes the call behave like a separate app instance: only Redis can spare it a computation.
   */
  coalesce?: boolean;
  /** What asked, for the key's timeline, e.g. `GET /api/username/alice` (default: the source). */
  origin?: string;
  /**
   * Called just before this call computes (a miss it leads, a bypass), never on a hit or when it
   * joins or waits for another's computation: the rate limiter charges expensive work, not hits.
   * A rejection fails the call before any work and is not counted as a request.
   */
  admit?: () => Promise<void>;
}

export interface CachedResult<V> {
  value: V;
  status: CacheStatus;
  /** The full Redis key. */
  key: string;
  expiryKind: ExpiryKind;
  /** Remaining fresh lifetime when answered (0 when stale); null when the value was not cached. */
  ttlMs: number | null;
  expiresAt: number | null;
  /** Whole operation, as the caller waited for it. */
  latencyMs: number;
  /** Time in Redis lookups and writes. */
  lookupMs: number;
  /** Time spent computing for this request (0 on a hit). */
  computeMs: number;
  /** The strategy that served it; null when the cache was not used (bypass). */
  strategy: CacheStrategy | null;
  /** This request was served stale and started the one background refresh. */
  refreshing: boolean;
  /** The TTL the entry is stored with (a `?ttl=` override or the scenario's own); null for an absolute expiry. */
  ttlAskedMs: number | null;
}

/** Runs Redis work; the default goes through the process-wide client and its circuit breaker. */
export type RedisRunner = <T>(work: (client: RedisClient) => Promise<T>) => Promise<T>;

/** What a miss produced, shared by every request of this process that joined it. */
interface Outcome<V> {
  value: V;
  /** `miss`: computed here; `coalesced`: another caller's stored value; `bypass`: Redis failed meanwhile. */
  status: 'miss' | 'coalesced' | 'bypass';
  strategy: CacheStrategy | null;
  computeMs: number;
  ttlMs: number | null;
  redisMs: number;
}

/** One request through the engine. Its lock key and token are made only when a miss needs them. */
class Call<V> {
  private lockName: string | undefined;
  private lockToken: string | undefined;

  constructor(
    readonly options: CachedOptions<V>,
    readonly key: string,
    readonly started: number,
  ) {}

  get lock(): string {
    return (this.lockName ??= lockKey(this.options.key));
  }

  /** Proves lock ownership: only the holder's token releases it. */
  get token(): string {
    return (this.lockToken ??= randomUUID());
  }

  /** A background refresh replacing a value that is still there (the key's timeline says `overwritten`). */
  overwrite = false;
}

/** Where the near cache stands for this engine: not asked yet, being set up, or known (null: unavailable here). */
type NearSlot = { state: 'unasked' } | { state: 'pending' } | { state: 'known'; near: NearCache | null };

interface Inflight {
  strategy: CacheStrategy;
  outcome: Promise<Outcome<unknown>>;
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
  private readonly refreshes = new Set<Promise<void>>();
  private nearSlot: NearSlot = { state: 'unasked' };

  /**
   * `near`: the L1 for strategy `near` (the default: the process' own, on connections of its
   * own); resolving to null makes `near` serve like `cache-aside`.
   */
  constructor(
    private readonly redis: RedisRunner = withRedis,
    private readonly near: () => Promise<NearCache | null> = processNearCache,
  ) {}

  /**
   * The hit path: at most one GET. Strategy `near` first asks L1 (no Redis at all); then one
   * plain GET (on the near cache's tracked reader for `near`), and a fresh envelope is a hit.
   * Everything else is decided on the miss path — by the lookup script for the lock strategies,
   * which must take the lock atomically with the read.
   */
  async cached<V>(options: CachedOptions<V>): Promise<CachedResult<V>> {
    const call = new Call(options, cacheKey(options.key), performance.now());
    if (options.mode === 'bypass') return this.bypass(call);
    const strategy = options.strategy ?? strategySettings().now(options.scenario) ?? (await strategySettings().of(options.scenario));
    const near = strategy === 'near' ? this.nearCache() : null;
    if (near) {
      const now = Date.now();
      const local = near.peek<V>(call.key, now);
      if (local) return answer(call, { status: 'near-hit', strategy, value: local.value, ttlMs: local.freshUntil - now, lookupMs: 0, computeMs: 0, refreshing: false }, now);
    }
    const running = this.joinable(call);
    if (running) return this.join(call, running, 0);

    let read: EntryRead<V>;
    try {
      read = await this.redis((client) => (near?.state === 'ready' ? readTracked(near, call.key, options.isValue) : readEntry(client, call.key, options.isValue)));
    } catch (error) {
      if (error instanceof RedisUnavailableError) return this.bypass(call);
      throw error;
    }
    const lookupMs = performance.now() - call.started;
    if (read.kind === 'fresh') return this.served(call, 'hit', strategy, read.envelope, 0, lookupMs, false);
    if (strategy === 'lock' || strategy === 'swr' || read.kind === 'legacy') return this.lookup(call, strategy);
    if (read.kind === 'foreign') noteCorruptValue(options);
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
    return this.missed(call, strategy, reply[4], lookupMs);
  }

  /** Resolves once the background refreshes running now have finished (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.refreshes]);
  }

  /** The near cache without waiting: its set-up starts with the first `near` request, which (like any before it is ready) reads Redis. */
  private nearCache(): NearCache | null {
    const slot = this.nearSlot;
    if (slot.state === 'known') return slot.near;
    if (slot.state === 'unasked') {
      this.nearSlot = { state: 'pending' };
      void this.near().then(
        (near) => {
          // Each key Redis tells this instance to drop is charted (invalidations per second).
          near?.onInvalidate((key) => key !== null && metricsRecorder().countInvalidation(Date.now()));
          this.nearSlot = { state: 'known', near };
        },
        () => (this.nearSlot = { state: 'known', near: null }),
      );
    }
    return null;
  }


  private served<V>(
    call: Call<V>,
    status: 'hit' | 'stale',
    strategy: CacheStrategy,
    envelope: Envelope<V>,
    pttl: number,
    lookupMs: number,
    refresh: boolean,
  ): CachedResult<V> {
    if (refresh) this.refreshInBackground(call, strategy);
    return answer(call, { status, strategy, value: envelope.v, ttlMs: freshFor(envelope, pttl), lookupMs, computeMs: 0, refreshing: refresh });
  }

  private async missed<V>(call: Call<V>, strategy: CacheStrategy, claim: LockClaim, lookupMs: number): Promise<CachedResult<V>> {
    // A lock holder computes even if this process already waits on the key: the waiter will find its value.
    const running = claim === 'locked' ? undefined : this.joinable(call);
    if (running) return this.join(call, running, lookupMs);

    // Registered in `inflight` before anything is awaited, so concurrent misses of this process still join it.
    const outcome =
      claim === 'contended' ? this.awaitHolder(call, strategy) : this.admit(call, claim === 'locked').then(() => this.computeAndStore(call, strategy, claim === 'locked'));
    const shared = call.options.coalesce !== false && !this.inflight.has(call.key);
    if (shared) this.inflight.set(call.key, { strategy, outcome });
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
    return call.options.coalesce === false ? undefined : this.inflight.get(call.key);
  }

  private async join<V>(call: Call<V>, running: Inflight, lookupMs: number): Promise<CachedResult<V>> {
    let done: Outcome<unknown>;
    try {
      done = await running.outcome;
    } catch (error) {
      // The leader was refused its computation (its client's budget): that is not this caller's answer.
      if (error instanceof NotAdmitted) return this.cached(call.options);
      countFailure(call.options, 'coalesced', running.strategy);
      throw error;
    }
    return answer(call, { status: 'coalesced', strategy: done.strategy, value: done.value as V, ttlMs: done.ttlMs, lookupMs, computeMs: 0, refreshing: false });
  }

  /**
   * Another caller holds the lock: poll for its value (every CACHE_LOCK_POLL_MS at first, backing
   * off to 4× that) instead of computing too. If the holder
   * lets go without a value (its compute failed) or its lock expires, the next poll takes the
   * lock and computes. After CACHE_LOCK_WAIT_MS the caller stops waiting and computes itself:
   * a slow holder costs one extra computation, never a request that waits forever.
   */
  private async awaitHolder<V>(call: Call<V>, strategy: CacheStrategy): Promise<Outcome<V>> {
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
        reply = await this.redis((client) => cacheCommands(client).cachelabAwait(call.key, call.lock, Date.now(), call.token, env.CACHE_LOCK_TTL_MS));
      } catch (error) {
        if (error instanceof RedisUnavailableError) return plus(await this.computeUncached(call));
        throw error;
      }
      redisMs += performance.now() - polled;
      if (reply[0] === 'wait') continue;
      if (reply[0] === 'locked') return plus(await this.computeAndStore(call, strategy, true));
      const envelope = reply[0] === 'value' ? decodeEnvelope(reply[1], call.options.isValue) : null;
      if (envelope) {
        return { value: envelope.v, status: 'coalesced', strategy, computeMs: 0, ttlMs: freshFor(envelope, reply[2]), redisMs };
      }
      noteCorruptValue(call.options);
      return plus(await this.computeAndStore(call, strategy, false));
    }
    return plus(await this.computeAndStore(call, strategy, false));
  }

  /**
   * Compute, then store with the strategy's physical expiry, releasing our lock in the same
   * script. A failing compute releases the lock at once, so waiters take over instead of
   * waiting for it to expire.
   */
  private async computeAndStore<V>(call: Call<V>, strategy: CacheStrategy, holdsLock: boolean): Promise<Outcome<V>> {
    try {
      const { value, computeMs } = await timed(call.options.compute);
      if (!call.options.isValue(value)) return await this.refuseToStore(call, value, strategy, computeMs, holdsLock);
      const plan = storagePlan(call.options.expiry, strategy, Date.now());
      const payload = encodeEnvelope(value, { freshUntil: plan.freshUntil, storedAt: Date.now(), computeMs, expiry: expiryKind(call.options.expiry) });
      const storeStarted = performance.now();
      const outcome = { value, status: 'miss' as const, strategy, computeMs };
      try {
        const pttl = await this.redis((client) =>
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
      if (holdsLock) await this.release(call);
      throw error;
    }
  }

  /**
   * A computed value not of its scenario's shape answers its request but is never stored:
   * reads of version-2 envelopes trust the shape checked here (envelope.ts).
   */
  private async refuseToStore<V>(call: Call<V>, value: V, strategy: CacheStrategy, computeMs: number, holdsLock: boolean): Promise<Outcome<V>> {
    noteCorruptValue(call.options);
    console.warn(`[cachelab] ${call.options.scenario}: computed a value that is not of its declared shape; answered, not cached`);
    if (holdsLock) await this.release(call);
    return { value, status: 'miss', strategy, computeMs, ttlMs: null, redisMs: 0 };
  }

  /** Serve stale now; exactly one caller (it took the lock in the lookup script) refreshes behind it. */
  private refreshInBackground<V>(call: Call<V>, strategy: CacheStrategy) {
    const { scenario } = call.options;
    // This request was answered stale already: its call now stands for the refresh.
    call.overwrite = true;
    const refresh = this.computeAndStore(call, strategy, true).then(
      ({ computeMs }) => metricsRecorder().observeRefresh({ source: source(call.options), scenario, strategy, computeMs }),
      (error: unknown) => {
        metricsRecorder().adjust(source(call.options), scenario, ERROR_FIELD, 1);
        console.warn(`[cachelab] background refresh of ${call.key} failed:`, error);
      },
    );
    this.refreshes.add(refresh);
    void refresh.finally(() => this.refreshes.delete(refresh));
  }

  /** The caller's admission to compute; refused, it lets go of the lock at once so a waiter takes over. */
  private async admit(call: Call<unknown>, holdsLock: boolean): Promise<void> {
    try {
      await call.options.admit?.();
    } catch (error) {
      if (holdsLock) await this.release(call);
      throw new NotAdmitted(error);
    }
  }

  private async release(call: Call<unknown>): Promise<void> {
    try {
      await this.redis((client) => cacheCommands(client).cachelabRelease(call.lock, call.token));
    } catch {
      // Unreachable Redis: the lock expires by itself after CACHE_LOCK_TTL_MS.
    }
  }

  private async computeUncached<V>(call: Call<V>): Promise<Outcome<V>> {
    const { value, computeMs } = await timed(call.options.compute);
    return { value, status: 'bypass', strategy: null, computeMs, ttlMs: null, redisMs: 0 };
  }

  private async bypass<V>(call: Call<V>): Promise<CachedResult<V>> {
    await call.options.admit?.();
    const { value, computeMs } = await timed(call.options.compute);
    return answer(call, { status: 'bypass', strategy: null, value, ttlMs: null, lookupMs: 0, computeMs, refreshing: false });
  }
}

/** `admit` refused a computation: the leader's own error (its cause), never shared with callers that joined it. */
class NotAdmitted extends Error {
  constructor(readonly cause: unknown) {
    super('not admitted to compute');
  }
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

/** Fresh lifetime left: up to `freshUntil` (which excludes any grace period), else what Redis says. */
function freshFor(envelope: Envelope<unknown>, pttl: number): number {
  return envelope.freshUntil === undefined ? pttl : Math.max(0, envelope.freshUntil - Date.now());
}

async function timed<V>(compute: () => Promise<V>): Promise<{ value: V; computeMs: number }> {
  const started = performance.now();
  const value = await compute();
  return { value, computeMs: performance.now() - started };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A failed compute still answered a request: count it under its status, and as an error. */
function countFailure(options: CachedOptions<unknown>, status: CacheStatus, strategy: CacheStrategy) {
  const recorder = metricsRecorder();
  recorder.adjust(source(options), options.scenario, status, 1);
  recorder.adjust(source(options), options.scenario, ERROR_FIELD, 1);
  recorder.adjust(source(options), options.scenario, strategyFields(strategy).requests, 1);
}

interface Served<V> {
  status: CacheStatus;
  strategy: CacheStrategy | null;
  value: V;
  ttlMs: number | null;
  lookupMs: number;
  computeMs: number;
  refreshing: boolean;
}

/** The call's result, recorded as it is returned: every answer counts once. `now`: the clock already read on this path. */
function answer<V>(call: Call<V>, served: Served<V>, now = Date.now()): CachedResult<V> {
  const { status, strategy, value, ttlMs, lookupMs, computeMs, refreshing } = served;
  const remaining = ttlMs !== null && ttlMs >= 0 ? ttlMs : null;
  const result: CachedResult<V> = {
    value,
    status,
    key: call.key,
    expiryKind: expiryKind(call.options.expiry),
    ttlMs: remaining,
    expiresAt: remaining === null ? null : now + remaining,
    latencyMs: performance.now() - call.started,
    lookupMs,
    computeMs,
    strategy,
    refreshing,
    ttlAskedMs: 'ttlMs' in call.options.expiry ? call.options.expiry.ttlMs : null,
  };
  const { options } = call;
  const observation: Observation = { scenario: options.scenario, source: source(options), status, key: call.key, latencyMs: result.latencyMs, computeMs, at: now, strategy };
  metricsRecorder().observe(observation);
  if (status === 'hit' || status === 'stale' || status === 'near-hit') keyLifeRecorder().hit(call.key, now);
  return result;
}

/** The key's timeline: who stored it, how long it took, the TTL asked and when Redis may remove it. */
function noteStored(call: Call<unknown>, computeMs: number, expiresAt: number) {
  const { expiry } = call.options;
  const by = call.overwrite ? 'swr refresh' : (call.options.origin ?? (source(call.options) === 'sim' ? 'simulator' : 'a request'));
  keyLifeRecorder().stored({ key: call.key, by, computeMs, ttlMs: 'ttlMs' in expiry ? expiry.ttlMs : null, expiresAt, overwrite: call.overwrite });
}

/** A value under the key that is not ours: it is recomputed and overwritten, and counted as an error. */
function noteCorruptValue(options: CachedOptions<unknown>) {
  metricsRecorder().adjust(source(options), options.scenario, ERROR_FIELD, 1);
}

const source = (options: CachedOptions<unknown>): TrafficSource => options.source ?? 'live';

const defaultEngine = new CacheEngine();

/** The app's engine: one per process, on the shared Redis client. */
export function cached<V>(options: CachedOptions<V>): Promise<CachedResult<V>> {
  return defaultEngine.cached(options);
}

/** Delete one cached entry by its readable key; true when something was deleted. `by` goes on the key's timeline. */
export async function invalidate(readableKey: string, by = 'invalidate (DELETE on its scenario endpoint)'): Promise<boolean> {
  const key = cacheKey(readableKey);
  const deleted = (await withRedis((client) => client.del(key))) > 0;
  if (deleted) await keyLifeRecorder().deleted(key, by);
  return deleted;
}

/** Delete many entries (UNLINK in batches); the number deleted. */
export async function invalidateMany(readableKeys: readonly string[], batchSize = 500): Promise<number> {
  let deleted = 0;
  for (let index = 0; index < readableKeys.length; index += batchSize) {
    const batch = readableKeys.slice(index, index + batchSize).map((key) => cacheKey(key));
    deleted += await withRedis((client) => unlinkKeys(client, batch));
  }
  return deleted;
}
