import 'server-only';
import { processWide } from '../core/process-wide';
import type { CachedOptions, CachedResult } from './options';

/** Span attribute values, as OpenTelemetry takes them (no import of it here: see below). */
export type TraceAttributes = Record<string, string | number | boolean>;

/**
 * The engine's tracing port. Off (the default: no OTLP endpoint set), the slot holds `null` and
 * the engine pays one property read per call: no span, no closure, no allocation. lib/telemetry
 * installs the OpenTelemetry implementation at start-up when an endpoint is set
 * (instrumentation.ts); nothing under lib/cache, lib/features or lib/http imports OpenTelemetry.
 */
export interface EngineTracing {
  /** Runs one lookup inside its cache span; the result's decision becomes the span's attributes. */
  lookup<V>(options: CachedOptions<V>, serve: () => Promise<CachedResult<V>>): Promise<CachedResult<V>>;
  /** The scenario's computation, as a child span of the lookup. */
  compute<V>(options: CachedOptions<V>, compute: () => Promise<V>): Promise<V>;
  /**
   * Waiting for a value another caller computes: `holder` is that caller's span as a W3C
   * `traceparent` (from `holder()`, or read from the lock), linked from the wait span.
   */
  wait<T>(options: CachedOptions<unknown>, holder: string | undefined, how: 'lock' | 'in-process', wait: () => Promise<T>): Promise<T>;
  /** Work that outlives its request (an swr refresh): a trace of its own, linked to the request's span. */
  detached<T>(name: string, attributes: TraceAttributes, run: () => Promise<T>): Promise<T>;
  /**
   * One span around a run (simulator, labs) or an action, with its parameters as attributes, in
   * the trace of the request that started it. `quiet`: what runs inside makes no spans (a run
   * sends up to thousands of requests; the run is the span, its requests are on the dashboard).
   */
  run<T>(name: string, attributes: TraceAttributes, run: () => Promise<T>, quiet: boolean): Promise<T>;
  /** The active span as a W3C `traceparent` (`00-<trace id>-<span id>-<flags>`), if there is one. */
  holder(): string | undefined;
  /** The active trace's id, if there is one. */
  traceId(): string | undefined;
}

const slot = processWide<{ current: EngineTracing | null }>('cache.tracing', () => ({ current: null }));
// Read once at load: the slot object itself is process-wide, so every module graph sees one `current`.
const state = slot();

/** The installed implementation, or null when tracing is off. */
export const tracing = (): EngineTracing | null => state.current;

/** lib/telemetry at start-up (and tests). */
export function installTracing(implementation: EngineTracing | null): void {
  state.current = implementation;
}

/**
 * A feature's run (simulator, labs) or action in one span when tracing is on, just the run when it
 * is off. `quiet` (default): the requests it sends inside make no spans of their own.
 */
export function tracedRun<T>(name: string, parameters: object, run: () => Promise<T>, { quiet = true } = {}): Promise<T> {
  const current = state.current;
  return current === null ? run() : current.run(name, attributesOf(name, parameters), run, quiet);
}

/** A run's parameters as span attributes under its name (`simulator.run.rps`); nested objects flattened, others dropped. */
export function attributesOf(prefix: string, parameters: object): TraceAttributes {
  const attributes: TraceAttributes = {};
  for (const [name, value] of Object.entries(parameters)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') attributes[`${prefix}.${name}`] = value;
    else if (Array.isArray(value)) attributes[`${prefix}.${name}`] = value.join(',');
    else if (value !== null && typeof value === 'object') Object.assign(attributes, attributesOf(`${prefix}.${name}`, value));
  }
  return attributes;
}

/** The active trace's id for the recent-requests stream; undefined when tracing is off. */
export const activeTraceId = (): string | undefined => state.current?.traceId();

/** The active span as a `traceparent`, for a response's Server-Timing; undefined when tracing is off. */
export const activeTraceparent = (): string | undefined => state.current?.holder();
