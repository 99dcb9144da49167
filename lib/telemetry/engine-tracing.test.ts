import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import type Redis from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

/**
 * The engine's spans on a real Redis, exported in memory: two engines with their own
 * connections play two app instances, so a caller that waits on the lock does it through Redis
 * (the lock's value names the holder's span), not through the in-process single flight.
 */
process.env.CACHE_LOCK_TTL_MS = '3000';
process.env.CACHE_LOCK_POLL_MS = '10';

const exporter = new InMemorySpanExporter();
let cache: typeof import('../cache/index');
let tracing: typeof import('../cache/tracing');
let instanceA: import('../cache/engine').CacheEngine;
let instanceB: import('../cache/engine').CacheEngine;
let provider: NodeTracerProvider;
let inspector: Redis;
let closeEngines: () => void;

beforeAll(async () => {
  provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  // The AsyncLocalStorage context manager, as in the app.
  provider.register();
  cache = await import('../cache/index');
  tracing = await import('../cache/tracing');
  const { OtelEngineTracing } = await import('./engine-tracing');
  tracing.installTracing(new OtelEngineTracing(trace.getTracer('test')));
  const two = await (await import('../testing/engines')).twoEngines();
  [instanceA, instanceB] = two.engines;
  closeEngines = two.disconnect;
  inspector = (await import('../testing/redis')).inspector();
});

afterAll(async () => {
  tracing.installTracing(null);
  await cache.flushMetrics();
  const { removeUnder } = await import('../testing/redis');
  const { env } = await import('../core/env');
  await removeUnder(inspector, env.CACHE_PREFIX);
  closeEngines();
  inspector.disconnect();
  await provider.shutdown();
});

beforeEach(() => exporter.reset());

const isText = (value: unknown): value is string => z.string().safeParse(value).success;
const named = (name: string) => exporter.getFinishedSpans().filter((span) => span.name === name);
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

function lookup(key: string, computeMs: number, strategy: 'lock' | 'cache-aside' = 'lock') {
  return {
    scenario: 'tracing-test',
    key,
    expiry: { ttlMs: 60_000 },
    strategy,
    coalesce: false,
    isValue: isText,
    compute: async () => {
      await new Promise((resolve) => setTimeout(resolve, computeMs));
      return `value of ${key}`;
    },
  };
}

describe('engine spans', () => {
  it('another instance waiting on the lock: its wait span links to the span of the request that computes', async () => {
    const key = `lock-${Date.now()}`;
    const computing = instanceA.cached(lookup(key, 300));
    // Instance B asks once A holds the lock.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const waiting = await instanceB.cached(lookup(key, 300));
    expect([(await computing).status, waiting.status]).toEqual(['miss', 'coalesced']);

    const [holder, waiter] = [named('cache.lookup').find((span) => span.attributes['cache.status'] === 'miss')!, named('cache.lookup').find((span) => span.attributes['cache.status'] === 'coalesced')!];
    expect(named('cache.compute')).toHaveLength(1);
    expect(parentOf(named('cache.compute')[0]!)).toBe(holder.spanContext().spanId);
    const waits = named('cache.wait');
    expect(waits).toHaveLength(1);
    expect(parentOf(waits[0]!)).toBe(waiter.spanContext().spanId);
    expect(waits[0]!.attributes['cache.wait.on']).toBe('lock');
    expect(waits[0]!.links.map((link) => link.context.spanId)).toEqual([holder.spanContext().spanId]);
    expect(waits[0]!.links[0]!.context.traceId).toBe(holder.spanContext().traceId);
  });

  it('a hit is one lookup span with its decision; an swr refresh is a trace of its own, linked to the request that served stale', async () => {
    const key = `hit-${Date.now()}`;
    await instanceA.cached(lookup(key, 5, 'cache-aside'));
    exporter.reset();
    const hit = await instanceA.cached(lookup(key, 5, 'cache-aside'));
    expect(hit.status).toBe('hit');
    const [span] = named('cache.lookup');
    expect(span!.attributes).toMatchObject({ 'cache.status': 'hit', 'cache.strategy': 'cache-aside', 'cache.scenario': 'tracing-test', 'cache.key': hit.key });
    expect(span!.attributes['cache.ttl_s']).toBeGreaterThan(59);
    expect(named('cache.compute')).toEqual([]);

    const stale = `swr-${Date.now()}`;
    await instanceA.cached({ ...lookup(stale, 5), strategy: 'swr', expiry: { ttlMs: 30 } });
    await new Promise((resolve) => setTimeout(resolve, 60));
    exporter.reset();
    expect((await instanceA.cached({ ...lookup(stale, 5), strategy: 'swr', expiry: { ttlMs: 30 } })).status).toBe('stale');
    await instanceA.settled();
    const [served] = named('cache.lookup');
    const [refresh] = named('cache.refresh');
    expect(refresh!.parentSpanContext, 'a root span').toBeUndefined();
    expect(refresh!.spanContext().traceId).not.toBe(served!.spanContext().traceId);
    expect(refresh!.links.map((link) => link.context.spanId)).toEqual([served!.spanContext().spanId]);
    expect(parentOf(named('cache.compute')[0]!)).toBe(refresh!.spanContext().spanId);
  });

  it('off: with the port empty the engine makes no span', async () => {
    const implementation = tracing.tracing();
    tracing.installTracing(null);
    try {
      const key = `off-${Date.now()}`;
      const result = await instanceA.cached(lookup(key, 5));
      expect(result.status).toBe('miss');
      expect(exporter.getFinishedSpans()).toEqual([]);
    } finally {
      tracing.installTracing(implementation);
    }
  });
});
