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

/** Section 8: Next's cache handlers, ours and the published ones, on the same Redis and the same bytes. */
export interface NextCacheResult {
  /** `against`: our contestant a peer is compared with (a peer that answers from memory, with ours that does). */
  rows: { name: string; role: 'limit' | 'ours' | 'ours-near' | 'peer'; what: string; p50Us: number; p99Us: number; against?: string }[];
  revalidate: { name: string; entries: number; p50Ms: number }[];
}

/** A `'use cache'` result of the size of a small page section's RSC payload. */
const VALUE = Buffer.from(`0:{"section":"${'x'.repeat(2000)}"}\n`);
const KEY = 'bench-next-entry';
const OURS = "Cache Lab 'use cache' hit";
const OURS_NEAR = "Cache Lab 'use cache' hit, near cache";
const OURS_INCREMENTAL = 'Cache Lab incremental hit';
const TAG = 'bench-tag';

const entry = (tags = [TAG]): Promise<CacheEntry> =>
  Promise.resolve({ value: new Blob([VALUE]).stream(), tags, stale: 300, timestamp: Date.now(), revalidate: 3600, expire: 86_400 });

/** Reads a hit's value stream to its end, as a render does (a plain reader loop: the same small cost for every contestant). */
const drain = async (name: string, found: { value: ReadableStream<Uint8Array> } | undefined) => {
  if (!found) throw new Error(`a bench hit of ${name} was a miss`);
  const reader = found.value.getReader();
  while (!(await reader.read()).done);
};

interface Peer {
  name: string;
  what: string;
  against: string;
  handler: CacheHandler;
  close: () => Promise<void>;
}

/** Its code calls node-redis' API (`hGetAll`), whatever its types say: given a node-redis client. */
async function publishedUseCacheHandlers(redisUrl: string, prefix: string, nodeRedis: ReturnType<typeof createClient>): Promise<Peer[]> {
  const url = new URL(redisUrl);
  const database = Number(url.pathname.slice(1) || 0);
  const jason = createRedisDataCacheHandler({ redis: nodeRedis as never, keyPrefix: `${prefix}peer-mjr:`, tagPrefix: `${prefix}peer-mjr-tags:` }) as unknown as CacheHandler;
  const trieb = getRedisCacheComponentsHandler({ redisUrl: `redis://${url.host}`, database, keyPrefix: `${prefix}peer-trieb:` }) as unknown as CacheHandler;
  return [
    { name: '@mrjasonroy/cache-components-cache-handler', what: "'use cache' handler (node-redis): GET, then one HGETALL per tag", against: OURS, handler: jason, close: async () => {} },
    { name: '@trieb.work/nextjs-turbo-redis-cache', what: "'use cache' handler (node-redis): GETs answered from memory for 10 s, tags synced by pub/sub", against: OURS_NEAR, handler: trieb, close: async () => {} },
  ];
}

export async function measureNextCache(options: BenchOptions, prefix: string): Promise<NextCacheResult> {
  const bare = new Redis(options.redisUrl);
  // The tag manifest as in production (its version tracked by the near cache); the entry read with or without L1.
  const parts = (near: boolean) => ({ store: new EntryStore({ near }), tags: new TagManifest(), events: nextCacheEvents() });
  const ours = new UseCacheHandler(parts(false));
  const oursNear = new UseCacheHandler(parts(true));
  const incremental = new IncrementalStore(parts(false));
  const nodeRedis = createClient({ url: options.redisUrl });
  await nodeRedis.connect();
  const peers = await publishedUseCacheHandlers(options.redisUrl, prefix, nodeRedis);
  const forte = createStringsHandler({ client: nodeRedis as never, keyPrefix: `${prefix}peer-forte:`, sharedTagsKey: `${prefix}peer-forte-tags`, sharedTagsTtlKey: `${prefix}peer-forte-ttl` });
  const page = { kind: 'APP_ROUTE', body: VALUE, status: 200, headers: { 'x-next-cache-tags': TAG } };
  try {
    await ours.set(KEY, entry());
    await bare.set(`${prefix}bare`, VALUE);
    for (const peer of peers) await peer.handler.set(KEY, entry());
    await incremental.set('/bench', page as never, { cacheControl: { revalidate: 3600, expire: 86_400 } });
    await forte.set('/bench', { lastModified: Date.now(), tags: [TAG], value: page as never, lifespan: null } as never);
    await waitNearReady();

    const contestants: (Contestant & { role: NextCacheResult['rows'][number]['role']; what: string; against?: string })[] = [
      { name: 'bare GET (the limit)', role: 'limit', what: 'ioredis getBuffer of the same bytes', run: async () => bare.getBuffer(`${prefix}bare`) },
      { name: OURS, role: 'ours', what: 'one GET (the entry, not kept in L1); tags checked against the manifest in memory', run: async () => drain('ours', await ours.get(KEY, [])) },
      { name: OURS_NEAR, role: 'ours-near', what: 'L1 kept coherent by client tracking: no round trip', run: async () => drain('ours near', await oursNear.get(KEY, [])) },
      ...peers.map((peer) => ({ name: peer.name, role: 'peer' as const, what: peer.what, against: peer.against, run: async () => drain(peer.name, await peer.handler.get(KEY, [])) })),
      { name: OURS_INCREMENTAL, role: 'ours', what: 'cacheHandler get of a route response', run: async () => incremental.get('/bench', { kind: 'APP_ROUTE' }) },
      {
        name: '@fortedigital/nextjs-cache-handler (redis-strings)', role: 'peer', what: 'cacheHandler get of the same route response (node-redis)', against: OURS_INCREMENTAL,
        run: async () => forte.get('/bench', { implicitTags: [] } as never),
      },
    ];
    const samples = await interleave(contestants, options.hitPath);
    const rows = contestants.map((contestant) => {
      const all = summarise((samples.get(contestant.name) ?? []).flat());
      return { name: contestant.name, role: contestant.role, what: contestant.what, p50Us: all.p50, p99Us: all.p99, against: contestant.against };
    });
    const [few, many] = options.nextCache.entryCounts as [number, number];
    const revalidate = [
      ...(await revalidateCost("Cache Lab (tag timestamps)", [few, many], (tag, index) => ours.set(`${tag}-${index}`, entry([tag])), (tag) => ours.updateTags([tag]), options)),
      ...(await revalidateCost('@fortedigital/nextjs-cache-handler (redis-strings)', [few, many],
        (tag, index) => forte.set(`/${tag}-${index}`, { lastModified: Date.now(), tags: [tag], value: page as never, lifespan: null } as never),
        (tag) => forte.revalidateTag(tag), options)),
    ];
    for (const peer of peers) {
      revalidate.push(...(await revalidateCost(peer.name, [few, many], (tag, index) => peer.handler.set(`${tag}-${index}`, entry([tag])), (tag) => peer.handler.updateTags([tag]), options)));
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
 * For each count, that many entries stored under a tag of their own; then invalidations of the two
 * tags in turn, so drift on a shared machine hits both counts alike: their p50s side by side.
 */
async function revalidateCost(name: string, counts: readonly number[], store: (tag: string, index: number) => Promise<unknown>, invalidate: (tag: string) => Promise<unknown>, options: BenchOptions) {
  const tagOf = (entries: number) => `${TAG}-${name.replace(/\W+/g, '-')}-${entries}`;
  for (const entries of counts) {
    for (let index = 0; index < entries; index += 500) await Promise.all(Array.from({ length: Math.min(500, entries - index) }, (_, offset) => store(tagOf(entries), index + offset)));
  }
  const times = new Map<number, number[]>(counts.map((entries) => [entries, []]));
  for (let round = 0; round < options.nextCache.revalidations; round += 1) {
    for (const entries of round % 2 === 0 ? counts : [...counts].reverse()) {
      const started = performance.now();
      await invalidate(tagOf(entries));
      times.get(entries)!.push(performance.now() - started);
    }
  }
  return counts.map((entries) => ({ name, entries, p50Ms: summarise(times.get(entries)!).p50 }));
}

async function waitNearReady() {
  const near = await processNearCache();
  for (let attempt = 0; attempt < 100 && near?.state !== 'ready'; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 20));
}
