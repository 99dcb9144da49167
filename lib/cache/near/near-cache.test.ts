import Redis from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resilientClient } from '../../core/redis';
import { OwnRedisServer, waitFor } from '../../testing/redis-server';
import { NearCache, type NearEntry } from './near-cache';

let server: OwnRedisServer;
let writer: Redis;
const caches: NearCache[] = [];

beforeAll(async () => {
  server = await OwnRedisServer.start();
  writer = new Redis(server.url);
});

afterEach(async () => {
  for (const cache of caches.splice(0)) await cache.close();
});

afterAll(async () => {
  writer.disconnect();
  await server.stop();
});

/**
 * Instance B: its own reader and subscriber, named so a test can kill one of them.
 * `replyDelayMs` holds each GET reply back after Redis answered it, as a busy event loop or
 * the other socket being read first would: the invalidation then overtakes the reply.
 */
async function instance(name: string, bounds = { maxEntries: 100, maxBytes: 1_000_000 }, replyDelayMs = 0): Promise<NearCache> {
  const cache = new NearCache({
    ...bounds,
    connect: (role) => {
      const connection = resilientClient(server.url, { connectionName: `${name}-${role}`, autoResubscribe: false });
      if (role === 'reader' && replyDelayMs > 0) {
        const get = connection.get.bind(connection);
        connection.get = (async (key: string) => {
          const reply = await get(key);
          await new Promise((resolve) => setTimeout(resolve, replyDelayMs));
          return reply;
        }) as typeof connection.get;
      }
      return connection;
    },
  });
  caches.push(cache);
  await waitFor(() => cache.state === 'ready', 5000, 10);
  return cache;
}

/** The raw value is the result; anything found goes to L1, fresh for a minute (or `freshMs`). */
const decodeFor = (freshMs: number) => (raw: string | null) => ({ result: raw, entry: raw === null ? null : ({ value: raw, freshUntil: Date.now() + freshMs } satisfies NearEntry<string>) });
const decode = decodeFor(60_000);

/** Resolves when `cache` has been told that `key` changed. */
function invalidationOf(cache: NearCache, key: string): Promise<void> {
  return new Promise((resolve) => {
    const stop = cache.onInvalidate((invalidated) => {
      if (invalidated === key || invalidated === null) {
        stop();
        resolve();
      }
    });
  });
}

async function killClient(name: string) {
  const list = await writer.client('LIST');
  const id = /id=(\d+) .*name=(\S+)/g;
  for (const match of String(list).matchAll(id)) if (match[2] === name) await writer.client('KILL', 'ID', match[1]!);
}

describe('near cache (CLIENT TRACKING with REDIRECT)', () => {
  it('serves from L1 after a tracked read, and drops the entry when another connection writes', async () => {
    const b = await instance('b1');
    await writer.set('k1', 'old');
    expect(await b.read('k1', decode)).toBe('old');
    expect(b.peek('k1')?.value).toBe('old');

    const invalidated = invalidationOf(b, 'k1');
    await writer.set('k1', 'new');
    await invalidated;
    expect(b.peek('k1')).toBeUndefined();
    expect(await b.read('k1', decode)).toBe('new');
    expect(b.peek('k1')?.value).toBe('new');
    expect(b.stats()).toMatchObject({ state: 'ready', entries: 1, invalidations: 1 });
  });

  it('never serves the old value once the invalidation was delivered, with reads racing the writes', async () => {
    const b = await instance('b2', undefined, 15);
    await writer.set('race', 'v0');
    for (let round = 1; round <= 10; round += 1) {
      // Reads in flight while the write lands: some replies carry the old value and arrive after its invalidation.
      const reads = [b.read('race', decode), b.read('race', decode)];
      const invalidated = invalidationOf(b, 'race');
      await writer.set('race', `v${round}`);
      await invalidated;
      await Promise.all(reads);
      const served = b.peek<string>('race')?.value;
      expect(served === undefined || served === `v${round}`, `round ${round}: L1 served ${served}`).toBe(true);
    }
  });

  it('drops a deleted key too, and everything on FLUSHALL', async () => {
    const b = await instance('b3');
    await writer.mset('d1', 'x', 'd2', 'y');
    await b.read('d1', decode);
    await b.read('d2', decode);
    const deleted = invalidationOf(b, 'd1');
    await writer.del('d1');
    await deleted;
    expect([b.peek('d1'), b.peek('d2')?.value]).toEqual([undefined, 'y']);
    const flushed = invalidationOf(b, 'never-a-key');
    await writer.flushall();
    await flushed;
    expect(b.stats().entries).toBe(0);
  });

  it.each(['subscriber', 'reader'] as const)('serves nothing from L1 once its %s is killed, until tracking is back', async (role) => {
    const b = await instance(`b4-${role}`);
    await writer.set('kill', 'before');
    await b.read('kill', decode);
    expect(b.peek('kill')?.value).toBe('before');

    await killClient(`b4-${role}-${role}`);
    await waitFor(() => b.state !== 'ready', 2000, 5);
    expect(b.peek('kill')).toBeUndefined();
    // Written while B may have missed the invalidation: B must not hold the old value anywhere.
    await writer.set('kill', 'after');
    await b.read('kill', decode).catch(() => null);
    expect(b.peek('kill')).toBeUndefined();

    await waitFor(() => b.state === 'ready', 5000, 10);
    expect(b.peek('kill')).toBeUndefined();
    expect(await b.read('kill', decode)).toBe('after');
    expect(b.peek('kill')?.value).toBe('after');
    // Tracking works on the new connections: the next write reaches B again.
    const invalidated = invalidationOf(b, 'kill');
    await writer.set('kill', 'again');
    await invalidated;
    expect(b.peek('kill')).toBeUndefined();
  });

  it('keeps to its bounds (entries and bytes, least recently used out)', async () => {
    const b = await instance('b5', { maxEntries: 2, maxBytes: 1_000_000 });
    await writer.mset('e1', '1', 'e2', '2', 'e3', '3');
    for (const key of ['e1', 'e2', 'e3']) await b.read(key, decode);
    expect([b.peek('e1'), b.peek('e2')?.value, b.peek('e3')?.value]).toEqual([undefined, '2', '3']);
  });

  it('does not serve an entry past its freshness', async () => {
    const b = await instance('b6');
    await writer.set('f', 'x');
    await b.read('f', decodeFor(30));
    expect(b.peek('f')?.value).toBe('x');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(b.peek('f')).toBeUndefined();
  });
});
