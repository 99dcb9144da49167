import createStringsHandler from '@fortedigital/nextjs-cache-handler/redis-strings';
import { createRedisDataCacheHandler } from '@mrjasonroy/cache-components-cache-handler';
import { getRedisCacheComponentsHandler } from '@trieb.work/nextjs-turbo-redis-cache';
import Redis from 'ioredis';
import type { CacheEntry, CacheHandler } from 'next/dist/server/lib/cache-handlers/types';
import { createClient } from 'redis';
import { flushMetrics } from '../lib/cache';
import { processNearCache } from '../lib/cache/near/process';
import { nextCacheEvents } from '../lib/next-cache/events';
import { IncrementalStore } from '../lib/next-cache/incremental';
import { EntryStore } from '../lib/next-cache/store';
import { TagManifest } from '../lib/next-cache/tags';
import { UseCacheHandler } from '../lib/next-cache/use-cache';
import { interleave, type Contestant } from './interleave';
import type { BenchOptions } from './options';
import { summarise } from './stats';

/** Section 7: Next's cache handlers, ours and the published ones, on the same Redis and the same bytes. */
export interface NextCacheResult {
  rows: { name: string; role: 'limit' | 'ours' | 'ours-near' | 'peer'; what: string; p50Us: number; p99Us: number }[];
  revalidate: { name: string; entries: number; p50Ms: number }[];
}

/** A `'use cache'` result of the size of a small page section's RSC payload. */
const VALUE = Buffer.from(`0:{"section":"${'x'.repeat(2000)}"}\n`);
const KEY = 'bench-next-entry';
const TAG = 'bench-tag';

const entry = (timestamp = Date.now()): Promise<CacheEntry> =>
  Promise.resolve({ value: new Blob([VALUE]).stream(), tags: [TAG], stale: 300, timestamp, revalidate: 3600, expire: 86_400 });

const drain = async (found: { value: ReadableStream<Uint8Array> } | undefined) => {
  if (!found) throw new Error('a bench hit was a miss');
  await new Response(found.value).arrayBuffer();
};

interface Peer {
  name: string;
  what: string;
  handler: CacheHandler;
  close: () => Promise<void>;
}

async function useCachePeers(redisUrl: string, prefix: string): Promise<Peer[]> {
  const url = new URL(redisUrl);
  const database = Number(url.pathname.slice(1) || 0);
  const ioredis = new Redis(redisUrl);
  const jason = createRedisDataCacheHandler({ redis: ioredis as never, keyPrefix: `${prefix}peer-mjr:`, tagPrefix: `${prefix}peer-mjr-tags:` }) as unknown as CacheHandler;
  const trieb = getRedisCacheComponentsHandler({ redisUrl: `redis://${url.host}`, database, keyPrefix: `${prefix}peer-trieb:` }) as unknown as CacheHandler;
  return [
    { name: '@mrjasonroy/cache-components-cache-handler', what: "'use cache' handler (ioredis)", handler: jason, close: async () => ioredis.disconnect() },
    { name: '@trieb.work/nextjs-turbo-redis-cache', what: "'use cache' handler (node-redis, in-memory read dedupe)", handler: trieb, close: async () => {} },
  ];
}

export async function measureNextCache(options: BenchOptions, prefix: string): Promise<NextCacheResult> {
  const bare = new Redis(options.redisUrl);
  const parts = (near: boolean) => ({ store: new EntryStore({ near }), tags: new TagManifest(undefined, { near }), events: nextCacheEvents() });
  const ours = new UseCacheHandler(parts(false));
  const oursNear = new UseCacheHandler(parts(true));
  const incremental = new IncrementalStore(parts(false));
  const peers = await useCachePeers(options.redisUrl, prefix);
  const nodeRedis = createClient({ url: options.redisUrl });
  await nodeRedis.connect();
  const forte = createStringsHandler({ client: nodeRedis as never, keyPrefix: `${prefix}peer-forte:`, sharedTagsKey: `${prefix}peer-forte-tags`, sharedTagsTtlKey: `${prefix}peer-forte-ttl` });
  const page = { kind: 'APP_ROUTE', body: VALUE, status: 200, headers: { 'x-next-cache-tags': TAG } };
  try {
    await ours.set(KEY, entry());
    await bare.set(`${prefix}bare`, VALUE);
    for (const peer of peers) await peer.handler.set(KEY, entry());
    await incremental.set('/bench', page as never, { cacheControl: { revalidate: 3600, expire: 86_400 } });
    await forte.set('/bench', { lastModified: Date.now(), tags: [TAG], value: page as never, lifespan: null } as never);
    await waitNearReady();

    const contestants: (Contestant & { role: NextCacheResult['rows'][number]['role']; what: string })[] = [
      { name: 'bare GET (the limit)', role: 'limit', what: 'ioredis getBuffer of the same bytes', run: async () => bare.getBuffer(`${prefix}bare`) },
      { name: "Cache Lab 'use cache' hit", role: 'ours', what: 'one GET (entry) beside the tag version, tags checked in memory', run: async () => drain(await ours.get(KEY, [])) },
      { name: "Cache Lab 'use cache' hit, near cache", role: 'ours-near', what: 'L1 kept coherent by client tracking: no round trip', run: async () => drain(await oursNear.get(KEY, [])) },
      ...peers.map((peer) => ({ name: peer.name, role: 'peer' as const, what: peer.what, run: async () => drain(await peer.handler.get(KEY, [])) })),
      { name: 'Cache Lab incremental hit', role: 'ours', what: 'cacheHandler get of a route response', run: async () => incremental.get('/bench', { kind: 'APP_ROUTE' }) },
      {
        name: '@fortedigital/nextjs-cache-handler (redis-strings)', role: 'peer', what: 'cacheHandler get of the same route response (node-redis)',
        run: async () => forte.get('/bench', { implicitTags: [] } as never),
      },
    ];
    const samples = await interleave(contestants, options.hitPath);
    const rows = contestants.map((contestant) => {
      const all = summarise((samples.get(contestant.name) ?? []).flat());
      return { name: contestant.name, role: contestant.role, what: contestant.what, p50Us: all.p50, p99Us: all.p99 };
    });
    const revalidate = [];
    for (const entries of options.nextCache.entryCounts) {
      revalidate.push(await revalidateCost("Cache Lab (tag timestamps)", entries, (index) => ours.set(`bulk-${entries}-${index}`, entry()), (tag) => ours.updateTags([tag]), options));
      revalidate.push(
        await revalidateCost('@fortedigital/nextjs-cache-handler (redis-strings)', entries,
          (index) => forte.set(`/bulk-${entries}-${index}`, { lastModified: Date.now(), tags: [`${TAG}-${entries}`], value: page as never, lifespan: null } as never),
          (tag) => forte.revalidateTag(tag), options),
      );
      for (const peer of peers) {
        revalidate.push(await revalidateCost(peer.name, entries, (index) => peer.handler.set(`bulk-${entries}-${index}`, entry()), (tag) => peer.handler.updateTags([tag]), options));
      }
    }
    return { rows, revalidate };
  } finally {
    await flushMetrics();
    await nextCacheEvents().flush();
    bare.disconnect();
    await nodeRedis.quit();
    for (const peer of peers) await peer.close();
    await (await processNearCache())?.close();
  }
}

/**
 * `entries` stored under one tag each handler knows, then the p50 of invalidating a tag: the same
 * tag each time (ours: one HSET; a handler with an index per tag walks it again).
 */
async function revalidateCost(name: string, entries: number, store: (index: number) => Promise<unknown>, invalidate: (tag: string) => Promise<unknown>, options: BenchOptions) {
  for (let index = 0; index < entries; index += 500) await Promise.all(Array.from({ length: Math.min(500, entries - index) }, (_, offset) => store(index + offset)));
  const times: number[] = [];
  for (let round = 0; round < options.nextCache.revalidations; round += 1) {
    const started = performance.now();
    await invalidate(`${TAG}-${entries}`);
    times.push(performance.now() - started);
  }
  return { name, entries, p50Ms: summarise(times).p50 };
}

async function waitNearReady() {
  const near = await processNearCache();
  for (let attempt = 0; attempt < 100 && near?.state !== 'ready'; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 20));
}
