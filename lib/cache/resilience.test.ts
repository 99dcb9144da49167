import type Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OwnRedisServer, waitFor } from '../testing/redis-server';

/**
 * Faults need a Redis we may kill and freeze: our own redis-server on a free port.
 * Modules load after it starts, because lib/core/env.ts reads REDIS_URL once.
 */
let server: OwnRedisServer;
let engine: typeof import('./index');
let keys: typeof import('./keys');
let inspect: Redis;

beforeAll(async () => {
  server = await OwnRedisServer.start();
  process.env.REDIS_URL = server.url;
  process.env.REDIS_COMMAND_TIMEOUT_MS = '200';
  process.env.REDIS_BREAKER_THRESHOLD = '3';
  process.env.REDIS_BREAKER_COOLDOWN_MS = '500';
  engine = await import('./index');
  keys = await import('./keys');
  const { inspector } = await import('../testing/redis');
  inspect = inspector(server.url);
});

afterAll(async () => {
  inspect?.disconnect();
  await server?.stop();
});

const isText = (value: unknown): value is string => typeof value === 'string';
const lookup = (key: string, scenario = 'faults') =>
  engine.cached({
    scenario,
    key: `fault:${key}`,
    expiry: { ttlMs: 60_000 },
    isValue: isText,
    compute: async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return `value of ${key}`;
    },
  });

async function totals(scenario: string) {
  await engine.flushMetrics();
  const raw = await inspect.hgetall(keys.statsKeys.totals('live', scenario));
  return Object.fromEntries(Object.entries(raw).map(([field, value]) => [field, Number(value)]));
}

describe('the hit path', () => {
  it('costs exactly one command sent to Redis (one GET)', async () => {
    await lookup('round-trip', 'roundtrip');
    await lookup('round-trip', 'roundtrip');
    await engine.flushMetrics();

    const monitor = await inspect.duplicate().monitor();
    const roundTripKey = `${keys.cacheKey('fault:round-trip')}`;
    const seen: string[] = [];
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      // Commands a script runs show up as coming from "lua": they are not round trips. The
      // recorder's batched metrics (an EVALSHA on the `_stats:flushed:` key) and the key
      // timeline's batched rows (on `_stats:life:`) may land meanwhile, off the request path.
      if (source === 'lua' || /_stats:(flushed|life):/.test(String(args[3] ?? ''))) return;
      seen.push(`${String(args[0]).toLowerCase()} ${args.includes(roundTripKey) ? 'lookup' : args.join(' ')}`);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (let index = 0; index < 10; index += 1) expect((await lookup('round-trip', 'roundtrip')).status).toBe('hit');
    await new Promise((resolve) => setTimeout(resolve, 50));
    monitor.disconnect();

    expect(seen).toEqual(Array.from({ length: 10 }, () => 'get lookup'));
    // The batched metrics still arrive, in one later pipeline.
    expect((await totals('roundtrip')).hit_n).toBe(11);
  });
});

describe('when Redis goes away', () => {
  it('answers uncached while Redis is down, keeps the counts, and hits again after it returns', async () => {
    const scenario = 'restart';
    await lookup('survivor', scenario);
    expect((await lookup('survivor', scenario)).status).toBe('hit');

    await server.stop();
    const during = [];
    for (let index = 0; index < 6; index += 1) {
      const started = performance.now();
      const result = await lookup('survivor', scenario);
      during.push(result.status);
      // Command timeout (200 ms) + compute (20 ms) + slack: never a hang.
      expect(performance.now() - started).toBeLessThan(1000);
    }
    expect(during.every((status) => status === 'bypass')).toBe(true);

    await server.resume();
    // Back without a restart of ours: the client reconnects and the circuit closes.
    await waitFor(async () => (await lookup('survivor', scenario)).status === 'hit', 8000, 100);
    const counts = await totals(scenario);
    // The restarted server is empty: the counts it holds are the buffered bypasses plus what came after.
    expect(counts.bypass).toBeGreaterThanOrEqual(6);
    expect((counts.miss ?? 0) + (counts.hit ?? 0)).toBeGreaterThanOrEqual(2);
  });

  it('fails fast when Redis freezes, and the open circuit spares later requests the timeout', async () => {
    const scenario = 'frozen';
    await lookup('cold', scenario);
    server.pause();
    try {
      const latencies: number[] = [];
      for (let index = 0; index < 6; index += 1) {
        const started = performance.now();
        expect((await lookup('cold', scenario)).status).toBe('bypass');
        latencies.push(performance.now() - started);
      }
      // At most three requests pay the 200 ms command timeout (the metrics flush may fail
      // too and count towards the three); once open, the circuit answers at once.
      const paid = latencies.filter((ms) => ms >= 180);
      expect(paid.length, `latencies ${latencies.join(', ')}`).toBeGreaterThanOrEqual(1);
      expect(paid.length).toBeLessThanOrEqual(3);
      expect(latencies.every((ms) => ms < 1000)).toBe(true);
      expect(latencies.slice(3).every((ms) => ms < 150), `latencies ${latencies.join(', ')}`).toBe(true);
    } finally {
      server.unpause();
    }
    await waitFor(async () => (await lookup('cold', scenario)).status === 'hit', 5000, 100);
  });
});
