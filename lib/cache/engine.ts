import 'server-only';
import { RedisUnavailableError, withRedis } from '../redis';
import { decodeEnvelope, encodeEnvelope, remainingMs } from './envelope';
import { cacheKey, statsKeys } from './keys';
import { metricsRecorder, type Observation } from './recorder';
import { cacheCommands, FOREIGN, type LookupReply } from './scripts';
import { expiryKind, type CacheStatus, type Expiry, type ExpiryKind, type TrafficSource } from './types';

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
}

export interface CachedResult<V> {
  value: V;
  status: CacheStatus;
  /** The full Redis key. */
  key: string;
  expiryKind: ExpiryKind;
  /** Remaining lifetime when answered; null when the value was not cached. */
  ttlMs: number | null;
  expiresAt: number | null;
  /** Whole operation, as the caller waited for it. */
  latencyMs: number;
  /** Time in Redis lookups and writes. */
  lookupMs: number;
  /** Time spent computing for this request (0 on a hit). */
  computeMs: number;
}

interface Computed<V> {
  value: V;
  computeMs: number;
  ttlMs: number | null;
  stored: boolean;
  storeMs: number;
}

/** In-process single flight: concurrent misses of one key share one computation. */
const inflight = new Map<string, Promise<Computed<unknown>>>();

/**
 * Cache-aside: look the key up; on a hit return it; on a miss compute, store with its
 * expiry, return. Redis trouble never fails the request: it computes (status `bypass`).
 */
export async function cached<V>(options: CachedOptions<V>): Promise<CachedResult<V>> {
  const started = performance.now();
  const key = cacheKey(options.key);
  if (options.mode === 'bypass') return bypass(options, key, started);

  const running = inflight.get(key) as Promise<Computed<V>> | undefined;
  if (running) return join(options, key, started, running, 0);

  let reply: LookupReply;
  try {
    reply = await withRedis((client) => cacheCommands(client).cachelabLookup(key, totalsKey(options)));
  } catch (error) {
    if (error instanceof RedisUnavailableError) return bypass(options, key, started);
    throw error;
  }
  const lookupMs = performance.now() - started;

  if (reply !== null) {
    const envelope = reply === FOREIGN ? null : decodeEnvelope(reply, options.isValue);
    if (envelope) {
      const result = finish(options, key, started, 'hit', envelope.v, remainingMs(envelope), lookupMs, 0);
      record(options, result, true);
      return result;
    }
    // A foreign or corrupt value: recompute and overwrite it, and say so in the metrics.
    noteCorruptValue(options, reply !== FOREIGN);
  }
  return missed(options, key, started, lookupMs);
}

async function missed<V>(options: CachedOptions<V>, key: string, started: number, lookupMs: number): Promise<CachedResult<V>> {
  const running = inflight.get(key) as Promise<Computed<V>> | undefined;
  if (running) return join(options, key, started, running, lookupMs);

  const computation = computeAndStore(options, key);
  inflight.set(key, computation);
  try {
    const computed = await computation;
    const status = 'miss';
    const result = finish(options, key, started, status, computed.value, computed.ttlMs, lookupMs + computed.storeMs, computed.computeMs);
    record(options, result, computed.stored);
    return result;
  } catch (error) {
    countFailure(options, 'miss');
    throw error;
  } finally {
    inflight.delete(key);
  }
}

async function computeAndStore<V>(options: CachedOptions<V>, key: string): Promise<Computed<V>> {
  const computeStarted = performance.now();
  const value = await options.compute();
  const computeMs = performance.now() - computeStarted;
  const kind = expiryKind(options.expiry);
  const [mode, at] = 'ttlMs' in options.expiry ? (['PX', Math.max(1, Math.round(options.expiry.ttlMs))] as const) : (['PXAT', Math.round(options.expiry.expireAt)] as const);
  const storedAt = Date.now();
  const payload = encodeEnvelope(value, { storedAt, computeMs, expiry: kind, expiresAt: mode === 'PX' ? storedAt + at : at });

  const storeStarted = performance.now();
  try {
    const ttlMs = await withRedis((client) => cacheCommands(client).cachelabStore(key, totalsKey(options), payload, mode, at));
    return { value, computeMs, ttlMs: ttlMs > 0 ? ttlMs : null, stored: true, storeMs: performance.now() - storeStarted };
  } catch (error) {
    if (!(error instanceof RedisUnavailableError)) throw error;
    return { value, computeMs, ttlMs: null, stored: false, storeMs: performance.now() - storeStarted };
  }
}

async function join<V>(options: CachedOptions<V>, key: string, started: number, running: Promise<Computed<V>>, lookupMs: number): Promise<CachedResult<V>> {
  let computed: Computed<V>;
  try {
    computed = await running;
  } catch (error) {
    countFailure(options, 'coalesced');
    throw error;
  }
  const result = finish(options, key, started, 'coalesced', computed.value, computed.ttlMs, lookupMs, 0);
  record(options, result, false);
  return result;
}

/** A failed compute still answered a request: count it under its status, and as an error. */
function countFailure(options: CachedOptions<unknown>, status: CacheStatus) {
  metricsRecorder().adjust(source(options), options.scenario, status, 1);
  metricsRecorder().adjust(source(options), options.scenario, 'error', 1);
}

async function bypass<V>(options: CachedOptions<V>, key: string, started: number): Promise<CachedResult<V>> {
  const computeStarted = performance.now();
  const value = await options.compute();
  const computeMs = performance.now() - computeStarted;
  const result = finish(options, key, started, 'bypass', value, null, 0, computeMs);
  record(options, result, false);
  return result;
}

function finish<V>(
  options: CachedOptions<V>,
  key: string,
  started: number,
  status: CacheStatus,
  value: V,
  ttlMs: number | null,
  lookupMs: number,
  computeMs: number,
): CachedResult<V> {
  const remaining = ttlMs !== null && ttlMs >= 0 ? ttlMs : null;
  return {
    value,
    status,
    key,
    expiryKind: expiryKind(options.expiry),
    ttlMs: remaining,
    expiresAt: remaining === null ? null : Date.now() + remaining,
    latencyMs: performance.now() - started,
    lookupMs,
    computeMs,
  };
}

function record(options: CachedOptions<unknown>, result: CachedResult<unknown>, counted: boolean) {
  const observation: Observation = {
    scenario: options.scenario,
    source: source(options),
    status: result.status,
    key: result.key,
    latencyMs: result.latencyMs,
    computeMs: result.computeMs,
    at: Date.now(),
    counted,
  };
  metricsRecorder().observe(observation);
}

function noteCorruptValue(options: CachedOptions<unknown>, countedAsHit: boolean) {
  const recorder = metricsRecorder();
  if (countedAsHit) recorder.adjust(source(options), options.scenario, 'hit', -1);
  recorder.adjust(source(options), options.scenario, 'error', 1);
}

const source = (options: CachedOptions<unknown>): TrafficSource => options.source ?? 'live';
const totalsKey = (options: CachedOptions<unknown>) => statsKeys.totals(source(options), options.scenario);

/** Delete one cached entry by its readable key; true when something was deleted. */
export async function invalidate(readableKey: string): Promise<boolean> {
  return (await withRedis((client) => client.del(cacheKey(readableKey)))) > 0;
}
