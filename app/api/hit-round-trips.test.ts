import type Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OwnRedisServer } from '@/lib/testing/redis-server';

/**
 * An HTTP hit in the default configuration (rate limiter on) costs exactly one Redis round trip:
 * one GET of the entry. Counted with MONITOR on a redis-server of our own, so no other test's
 * commands are in the count. The metric batches flushed every 250 ms are not part of any
 * request: their commands (on `_stats:` keys other than the limiter's `_stats:rl:`) are left out.
 */
let server: OwnRedisServer;
let inspect: Redis;
let callApi: typeof import('@/lib/testing/api').callApi;
let flushMetrics: () => Promise<void>;
let prefix: string;

beforeAll(async () => {
  server = await OwnRedisServer.start();
  process.env.REDIS_URL = server.url;
  delete process.env.RATE_LIMIT_POINTS;
  const { env } = await import('@/lib/core/env');
  if (env.REDIS_URL !== server.url || env.RATE_LIMIT_POINTS === 0) throw new Error('settings were loaded before this test set them');
  prefix = env.CACHE_PREFIX;
  ({ callApi } = await import('@/lib/testing/api'));
  ({ flushMetrics } = await import('@/lib/cache'));
  const { inspector } = await import('@/lib/testing/redis');
  inspect = inspector(server.url);
});

afterAll(async () => {
  inspect?.disconnect();
  await server?.stop();
});

/** The commands clients sent while `work` ran (not those a script ran inside Redis), without the metric flushes. */
async function commandsDuring(work: () => Promise<void>): Promise<string[][]> {
  const monitor = await inspect.monitor();
  const seen: string[][] = [];
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    if (source !== 'lua') seen.push(args);
  });
  // MONITOR starts with the next command Redis receives: let its OK settle first.
  await new Promise((resolve) => setTimeout(resolve, 50));
  await work();
  await new Promise((resolve) => setTimeout(resolve, 100));
  monitor.disconnect();
  const metrics = `${prefix}_stats:`;
  const budgets = `${prefix}_stats:rl:`;
  return seen.filter((args) => !args.some((arg) => arg.startsWith(metrics) && !arg.startsWith(budgets)));
}

const lookup = (name: string, client = '10.1.0.1') => callApi({ url: `/api/username/${name}`, headers: { 'x-forwarded-for': client } });

describe('Redis round trips per HTTP request, default settings', () => {
  it('a hit is one command: a GET of the entry, with no rate-limiter call', async () => {
    expect((await lookup('monitored')).headers.get('x-cache')).toBe('MISS');
    expect((await lookup('monitored')).headers.get('x-cache')).toBe('HIT');
    await flushMetrics();

    const commands = await commandsDuring(async () => {
      const hit = await lookup('monitored');
      expect(hit.headers.get('x-cache')).toBe('HIT');
    });
    expect(commands).toHaveLength(1);
    expect(commands[0]?.[0]?.toLowerCase()).toBe('get');
    expect(commands[0]).toContain(`${prefix}expensive_function:monitored`);
  });

  it('a miss is charged: the limiter’s command shows up beside the lookup and the store', async () => {
    await flushMetrics();
    const commands = await commandsDuring(async () => {
      expect((await lookup('monitored-miss')).headers.get('x-cache')).toBe('MISS');
    });
    expect(commands.some((args) => args.some((arg) => arg.startsWith(`${prefix}_stats:rl:scenario`)))).toBe(true);
    expect(commands.filter((args) => args.includes(`${prefix}expensive_function:monitored-miss`)).length).toBeGreaterThanOrEqual(2);
  });
});
