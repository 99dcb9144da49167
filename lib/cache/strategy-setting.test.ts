import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OwnRedisServer, pointAppAt, waitFor } from '../testing/redis-server';

/**
 * The strategy setting is followed through client tracking, not polling: MONITOR on a Redis of
 * this file's own (a shared one's traffic would flood it) shows every command that names the
 * config key.
 */
let server: OwnRedisServer;
let settings: typeof import('./strategy-setting');
let configKey: string;
let monitor: Redis;
/** MONITOR runs on a connection of its own, which ioredis opens for it. */
let feed: Redis;
let writer: Redis;
const seen: { at: number; command: string }[] = [];

beforeAll(async () => {
  server = await OwnRedisServer.start();
  await pointAppAt(server, { REDIS_COMMAND_TIMEOUT_MS: '2000' });
  settings = await import('./strategy-setting');
  configKey = (await import('./keys')).strategyConfigKey();
  writer = new Redis(server.url);
  monitor = new Redis(server.url);
  feed = await monitor.monitor();
  feed.on('monitor', (_time: string, args: string[]) => {
    if (args.some((arg) => arg.includes(configKey))) seen.push({ at: Date.now(), command: args.join(' ') });
  });
});

afterAll(async () => {
  writer?.disconnect();
  feed?.disconnect();
  monitor?.disconnect();
  (await import('../core/redis')).getRedis().then(({ client }) => client.disconnect(), () => undefined);
  await server?.stop();
});

describe('the strategy setting across instances', () => {
  it('sends nothing while idle, and follows another writer within a second', async () => {
    expect(await settings.strategySettings().of('username')).toBe('cache-aside');
    // Tracking is on once Redis has seen the watch's CLIENT TRACKING for this key.
    await waitFor(() => seen.some(({ command }) => /^CLIENT TRACKING on REDIRECT \d+ BCAST PREFIX/i.test(command)), 5000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const settled = seen.length;

    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(seen.slice(settled), 'commands on the config key while idle').toEqual([]);

    // Another instance (or redis-cli) switches: no PUBLISH, just the write.
    const switched = Date.now();
    await writer.hset(configKey, 'username', 'lock');
    await waitFor(() => settings.strategySettings().now('username') === 'lock', 5000, 5);
    expect(Date.now() - switched).toBeLessThan(1000);
    const reads = seen.slice(settled).filter(({ command }) => /^hgetall /i.test(command));
    expect(reads).toHaveLength(1);
  });
});
