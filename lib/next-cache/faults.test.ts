import type Redis from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bytesOf, pendingEntry } from '../testing/next-cache-suite';
import { OwnRedisServer, pointAppAt, waitFor } from '../testing/redis-server';

/** Next's cache on a Redis of this file's own, which it stops, and counts the commands of. */
let server: OwnRedisServer;
let inspect: Redis;
let app: { nextCache: typeof import('./register'); health: typeof import('../server/health'); near: typeof import('../cache/near/process') };

beforeAll(async () => {
  server = await OwnRedisServer.start();
  await pointAppAt(server);
  app = { nextCache: await import('./register'), health: await import('../server/health'), near: await import('../cache/near/process') };
  inspect = (await import('../testing/redis')).inspector(server.url);
});

afterAll(async () => {
  inspect?.disconnect();
  (await (await import('../core/redis')).getRedis()).client.disconnect();
  await (await app.near.processNearCache())?.close();
  await server?.stop();
});

const handler = () => app.nextCache.registerNextCache().useCache;
/** Commands on Next's keys while `work` runs (MONITOR on this file's own server: nothing else talks to it). */
async function nextCommandsDuring(work: () => Promise<void>): Promise<string[]> {
  const monitor = await inspect.monitor();
  const seen: string[] = [];
  monitor.on('monitor', (_time: string, args: string[]) => {
    if (args.some((arg) => arg.includes('_next:'))) seen.push(args.join(' '));
  });
  await work();
  await new Promise((resolve) => setTimeout(resolve, 50));
  monitor.disconnect();
  return seen;
}

it('a warm hit costs no round trip (near cache and tag manifest in memory); an overwrite elsewhere reaches it', async () => {
  await waitFor(async () => (await app.near.processNearCache())?.state === 'ready', 5000);
  await handler().set('warm', pendingEntry(Buffer.from('one')));
  // The first reads bring the entry and the tag version into the tracked near cache.
  for (let index = 0; index < 3; index += 1) {
    await handler().get('warm', []);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const commands = await nextCommandsDuring(async () => {
    for (let index = 0; index < 20; index += 1) expect((await bytesOf(await handler().get('warm', [])))?.toString()).toBe('one');
  });
  expect(commands).toEqual([]);
  // Another instance rewrites it: tracking drops our copy.
  const raw = await inspect.get((await import('./keys')).entryKey('use-cache', 'warm'));
  await inspect.set((await import('./keys')).entryKey('use-cache', 'warm'), raw!.replace(/\none$/, '\ntwo'));
  await expect.poll(async () => (await bytesOf(await handler().get('warm', [])))?.toString(), { timeout: 2000 }).toBe('two');
});

it('Redis stopped: reads are misses within the deadline, an invalidation throws and health says so; back: cached again', async () => {
  await handler().set('outage', pendingEntry(Buffer.from('before')));
  await server.stop();
  for (let index = 0; index < 5; index += 1) {
    const started = performance.now();
    expect(await handler().get(`outage-${index}`, [])).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(200 * 1.5 + 150);
  }
  await expect(handler().updateTags(['during-outage'])).rejects.toThrow(/not invalidated/);
  const health = await app.health.getHealth();
  expect(health.problems.map((problem) => problem.code)).toContain('next_invalidation');
  // A write during the outage is dropped, never an error for the page.
  await expect(handler().set('written-during', pendingEntry(Buffer.from('x')))).resolves.toBeUndefined();

  await server.resume();
  await waitFor(async () => {
    await handler().set('after', pendingEntry(Buffer.from('after')));
    return (await bytesOf(await handler().get('after', [])))?.toString() === 'after';
  }, 10_000, 200);
  await handler().updateTags(['after-outage']);
  expect((await app.health.getHealth()).problems.map((problem) => problem.code)).not.toContain('next_invalidation');
});
