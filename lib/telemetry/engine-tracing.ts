import 'server-only';
import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, type Link, type Span, type SpanContext, type Tracer } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { CachedOptions, CachedResult } from '../cache/options';
import type { EngineTracing, TraceAttributes } from '../cache/tracing';

/** Span names; attribute names are the contract (`cache.status`, `cache.key`, …). */
export const SPAN = {
  lookup: 'cache.lookup',
  compute: 'cache.compute',
  wait: 'cache.wait',
} as const;

/**
 * The engine's tracing port over the OpenTelemetry API. A lookup is one span (`cache.lookup`,
 * INTERNAL) whose attributes are the decision; the Redis commands it sends are its children
 * (the ioredis instrumentation), the computation is one (`cache.compute`), and a caller that
 * waits for another's computation has a `cache.wait` span linked to the span that computes.
 */
export class OtelEngineTracing implements EngineTracing {
  constructor(private readonly tracer: Tracer) {}

  lookup<V>(options: CachedOptions<V>, serve: () => Promise<CachedResult<V>>): Promise<CachedResult<V>> {
    const attributes = { 'cache.scenario': options.scenario, 'cache.source': options.source ?? 'live' };
    return this.tracer.startActiveSpan(SPAN.lookup, { kind: SpanKind.INTERNAL, attributes }, async (span) => {
      try {
        const result = await serve();
        span.setAttributes({ 'cache.status': result.status, 'cache.key': result.key, 'cache.strategy': result.strategy ?? 'none' });
        // The fresh lifetime left when answered; none when the value was not cached (bypass, a failed store).
        if (result.ttlMs !== null) span.setAttribute('cache.ttl_s', Math.round(result.ttlMs) / 1000);
        return result;
      } catch (error) {
        failed(span, error);
        throw error;
      } finally {
        span.end();
      }
    });
  }

  compute<V>(options: CachedOptions<V>, compute: () => Promise<V>): Promise<V> {
    return this.within(SPAN.compute, { 'cache.scenario': options.scenario }, [], compute);
  }

  wait<T>(options: CachedOptions<unknown>, holder: string | undefined, how: 'lock' | 'in-process', wait: () => Promise<T>): Promise<T> {
    const computing = holder === undefined ? null : parseTraceparent(holder);
    const attributes = { 'cache.scenario': options.scenario, 'cache.wait.on': how };
    return this.within(SPAN.wait, attributes, computing ? [{ context: computing, attributes: { 'cache.link': 'computing request' } }] : [], wait);
  }

  detached<T>(name: string, attributes: TraceAttributes, run: () => Promise<T>): Promise<T> {
    const from = trace.getSpan(context.active())?.spanContext();
    const links: Link[] = from && trace.isSpanContextValid(from) ? [{ context: from, attributes: { 'cache.link': 'started by' } }] : [];
    return context.with(ROOT_CONTEXT, () => this.within(name, attributes, links, run));
  }

  run<T>(name: string, attributes: TraceAttributes, run: () => Promise<T>, quiet: boolean): Promise<T> {
    return this.within(name, attributes, [], quiet ? () => context.with(suppressTracing(context.active()), run) : run);
  }

  holder(): string | undefined {
    const active = trace.getSpan(context.active())?.spanContext();
    return active && trace.isSpanContextValid(active) ? traceparentOf(active) : undefined;
  }

  traceId(): string | undefined {
    const active = trace.getSpan(context.active())?.spanContext();
    return active && trace.isSpanContextValid(active) ? active.traceId : undefined;
  }

  private within<T>(name: string, attributes: TraceAttributes, links: Link[], run: () => Promise<T>): Promise<T> {
    return this.tracer.startActiveSpan(name, { kind: SpanKind.INTERNAL, attributes, links }, async (span) => {
      try {
        return await run();
      } catch (error) {
        failed(span, error);
        throw error;
      } finally {
        span.end();
      }
    });
  }
}

function failed(span: Span, error: unknown) {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/** W3C trace context: `00-<32 hex trace id>-<16 hex span id>-<2 hex flags>`. */
export function traceparentOf(span: SpanContext): string {
  return `00-${span.traceId}-${span.spanId}-0${(span.traceFlags & TraceFlags.SAMPLED).toString(16)}`;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** A lock token that is a holder's span (tracing.ts); a plain random token (a holder that does not trace) is not. */
export function parseTraceparent(value: string): SpanContext | null {
  const match = TRACEPARENT.exec(value);
  if (!match) return null;
  const spanContext: SpanContext = { traceId: match[1]!, spanId: match[2]!, traceFlags: Number.parseInt(match[3]!, 16), isRemote: true };
  return trace.isSpanContextValid(spanContext) ? spanContext : null;
}
