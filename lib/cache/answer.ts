import 'server-only';
import { source, type Call } from './call';
import type { Envelope } from './envelope';
import type { Observation } from './event';
import { ERROR_FIELD, strategyFields } from './fields';
import type { CachedOptions, CachedResult } from './options';
import { notify } from './observers';
import { metricsRecorder } from './recorder';
import { activeTraceId } from './tracing';
import { expiryKind, type CacheStatus, type CacheStrategy } from './types';

export interface Served<V> {
  status: CacheStatus;
  strategy: CacheStrategy | null;
  value: V;
  ttlMs: number | null;
  lookupMs: number;
  computeMs: number;
  refreshing: boolean;
}

/**
 * The call's result, recorded as it is returned: every answer counts once. `now` and `finished`
 * (wall clock, performance clock): the clocks already read on this path, when it read them last.
 */
export function answer<V>(call: Call<V>, served: Served<V>, now = Date.now(), finished = performance.now()): CachedResult<V> {
  const { status, strategy, value, ttlMs, lookupMs, computeMs, refreshing } = served;
  const remaining = ttlMs !== null && ttlMs >= 0 ? ttlMs : null;
  const result: CachedResult<V> = {
    value,
    status,
    key: call.key,
    expiryKind: expiryKind(call.options.expiry),
    ttlMs: remaining,
    expiresAt: remaining === null ? null : now + remaining,
    latencyMs: finished - call.started,
    lookupMs,
    computeMs,
    strategy,
    refreshing,
    ttlAskedMs: 'ttlMs' in call.options.expiry ? call.options.expiry.ttlMs : null,
  };
  const { options } = call;
  const observation: Observation = { scenario: options.scenario, source: source(options), status, key: call.key, latencyMs: result.latencyMs, computeMs, at: now, strategy, traceId: activeTraceId() };
  metricsRecorder().observe(observation);
  notify.answered(observation);
  return result;
}

/** Fresh lifetime left: up to `freshUntil` (which excludes any grace period), else what Redis says. */
export function freshFor(envelope: Envelope<unknown>, pttl: number, now = Date.now()): number {
  return envelope.freshUntil === undefined ? pttl : Math.max(0, envelope.freshUntil - now);
}

/** A failed compute still answered a request: count it under its status, and as an error. */
export function countFailure(options: CachedOptions<unknown>, status: CacheStatus, strategy: CacheStrategy) {
  const recorder = metricsRecorder();
  recorder.adjust(source(options), options.scenario, status, 1);
  recorder.adjust(source(options), options.scenario, ERROR_FIELD, 1);
  recorder.adjust(source(options), options.scenario, strategyFields(strategy).requests, 1);
}

/** The key's timeline: who stored it, how long it took, the TTL asked and when Redis may remove it. */
export function noteStored(call: Call<unknown>, computeMs: number, expiresAt: number) {
  const { expiry } = call.options;
  const by = call.overwrite ? 'swr refresh' : (call.options.origin ?? (source(call.options) === 'sim' ? 'simulator' : 'a request'));
  notify.stored({ key: call.key, by, computeMs, ttlMs: 'ttlMs' in expiry ? expiry.ttlMs : null, expiresAt, overwrite: call.overwrite });
}

/** A value under the key that is not ours: it is recomputed and overwritten, and counted as an error. */
export function noteCorruptValue(options: CachedOptions<unknown>) {
  metricsRecorder().adjust(source(options), options.scenario, ERROR_FIELD, 1);
}
