import { expect, it } from 'vitest';
import type { CacheEntry, CacheHandler } from 'next/dist/server/lib/cache-handlers/types';

type NextCache = typeof import('../next-cache/register');
type Handler = import('../next-cache/use-cache').UseCacheHandler;

/** An entry as Next hands it to `set`: its bytes as a stream that may fail midway. */
export function pendingEntry(bytes: Uint8Array, options: { tags?: string[]; revalidate?: number; expire?: number; failAfter?: number; timestamp?: number } = {}): Promise<CacheEntry> {
  const { failAfter } = options;
  const value = new ReadableStream<Uint8Array>({
    start(controller) {
      if (failAfter === undefined) {
        controller.enqueue(bytes);
        controller.close();
        return;
      }
      controller.enqueue(bytes.subarray(0, failAfter));
      controller.error(new Error('render failed midway'));
    },
  });
  return Promise.resolve({ value, tags: options.tags ?? [], stale: 30, timestamp: options.timestamp ?? Date.now(), revalidate: options.revalidate ?? 900, expire: options.expire ?? 3600 });
}

export async function bytesOf(entry: CacheEntry | undefined): Promise<Buffer | null> {
  if (!entry) return null;
  return Buffer.from(await new Response(entry.value).arrayBuffer());
}

const randomBytes = (size: number) => {
  const bytes = new Uint8Array(size);
  for (let index = 0; index < size; index += 1) bytes[index] = (index * 7919 + 13) % 256;
  return bytes;
};
const unique = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * The handler's behaviour, the same on every backend (standalone, cluster, embedded): each test file
 * loads the app for its backend and calls this. "Another instance" is a second handler with a tag
 * manifest of its own in memory: it only learns of an invalidation through Redis.
 */
export function handlerSuite(load: () => { nextCache: NextCache; other: () => Handler }) {
  const handler = () => load().nextCache.registerNextCache().useCache;

  it('stores and serves entries of 1 KB and 1 MB byte for byte, binary included', async () => {
    for (const size of [1024, 1024 * 1024]) {
      const key = unique(`bytes-${size}`);
      const bytes = randomBytes(size);
      await handler().set(key, pendingEntry(bytes, { tags: ['sized'] }));
      const entry = await handler().get(key, []);
      expect(entry?.tags).toEqual(['sized']);
      expect((await bytesOf(entry))?.equals(Buffer.from(bytes))).toBe(true);
      // Another instance reads it from Redis.
      expect((await bytesOf(await load().other().get(key, [])))?.equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('stores nothing of a stream that errors midway', async () => {
    const key = unique('broken');
    await handler().set(key, pendingEntry(randomBytes(4096), { failAfter: 1000 }));
    expect(await handler().get(key, [])).toBeUndefined();
  });

  it('a get during a pending set of the same key waits for it', async () => {
    const key = unique('pending');
    let release!: (entry: CacheEntry) => void;
    const writing = handler().set(key, new Promise<CacheEntry>((resolve) => (release = resolve)));
    const reading = handler().get(key, []);
    release(await pendingEntry(Buffer.from('late value')));
    await writing;
    expect((await bytesOf(await reading))?.toString()).toBe('late value');
  });

  it('updateTags without durations: a miss on every instance at once, and cached again afterwards', async () => {
    const tag = unique('tag');
    const key = unique('tagged');
    const other = load().other();
    await handler().set(key, pendingEntry(Buffer.from('v1'), { tags: [tag] }));
    expect(await bytesOf(await other.get(key, []))).not.toBeNull();
    await handler().updateTags([tag]);
    expect(await handler().get(key, [])).toBeUndefined();
    await expect.poll(async () => other.get(key, []), { timeout: 2000 }).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 2));
    await handler().set(key, pendingEntry(Buffer.from('v2'), { tags: [tag] }));
    expect((await bytesOf(await other.get(key, [])))?.toString()).toBe('v2');
  });

  it("updateTags with a profile's durations: stale (revalidate -1) until regenerated, then fresh; expired after `expire`", async () => {
    const tag = unique('swr');
    const key = unique('swr-entry');
    await handler().set(key, pendingEntry(Buffer.from('old'), { tags: [tag] }));
    await handler().updateTags([tag], { expire: 3600 });
    const stale = await load().other().get(key, []);
    expect(stale?.revalidate).toBe(-1);
    expect((await bytesOf(stale))?.toString()).toBe('old');
    await new Promise((resolve) => setTimeout(resolve, 2));
    await handler().set(key, pendingEntry(Buffer.from('new'), { tags: [tag] }));
    const fresh = await load().other().get(key, []);
    expect(fresh?.revalidate).toBe(900);
    expect((await bytesOf(fresh))?.toString()).toBe('new');

    const shortTag = unique('short');
    const shortKey = unique('short-entry');
    await handler().set(shortKey, pendingEntry(Buffer.from('x'), { tags: [shortTag] }));
    await handler().updateTags([shortTag], { expire: 0.05 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await handler().get(shortKey, [])).toBeUndefined();
  });

  it('soft tags (a path revalidated): only the entries read under that path go', async () => {
    const path = `_N_T_/${unique('page')}`;
    const [onPath, elsewhere] = [unique('on-path'), unique('elsewhere')];
    await handler().set(onPath, pendingEntry(Buffer.from('a')));
    await handler().set(elsewhere, pendingEntry(Buffer.from('b')));
    await handler().updateTags([path]);
    expect(await (handler() as CacheHandler).getExpiration([path])).toBe(Number.POSITIVE_INFINITY);
    expect(await load().other().get(onPath, [path, '_N_T_/layout'])).toBeUndefined();
    expect(await bytesOf(await load().other().get(elsewhere, ['_N_T_/other', '_N_T_/layout']))).not.toBeNull();
  });

  it('the incremental cache: a page value with Buffers and a Map round-trips; its tags expire it or make it stale', async () => {
    const store = load().nextCache.registerNextCache().incremental;
    const tag = unique('page-tag');
    const key = `/${unique('page')}`;
    const value = {
      kind: 'APP_PAGE', html: '<p>hi</p>', rscData: Buffer.from('rsc'), status: 200, postponed: undefined,
      headers: { 'x-next-cache-tags': `${tag},_N_T_/layout` }, segmentData: new Map([['/_index', Buffer.from('seg')]]),
    };
    await store.set(key, value, { cacheControl: { revalidate: 60, expire: 600 } });
    const read = await store.get(key, { kind: 'APP_PAGE' });
    expect(read?.value).toMatchObject({ kind: 'APP_PAGE', html: '<p>hi</p>', status: 200 });
    const page = read?.value as unknown as { rscData: Buffer; segmentData: Map<string, Buffer> };
    expect(page.rscData.toString()).toBe('rsc');
    expect(page.segmentData.get('/_index')?.toString()).toBe('seg');
    expect(read?.cacheControl).toEqual({ revalidate: 60, expire: 600 });

    await store.revalidateTag(tag, { expire: 600 });
    const stale = await store.get(key, { kind: 'APP_PAGE' });
    expect(stale!.lastModified).toBeLessThan(Date.now() - 60_000);
    await store.revalidateTag([tag]);
    expect(await store.get(key, { kind: 'APP_PAGE' })).toBeNull();
  });

  it('lists its entries for /next-cache: kind, tags, size, countdowns that match Redis', async () => {
    const key = unique('listed');
    await handler().set(key, pendingEntry(Buffer.from('listed value'), { tags: ['listed'], revalidate: 60, expire: 600 }));
    const { listEntries } = await import('../next-cache/list');
    const { entries } = await listEntries();
    const listed = entries.find((entry) => entry.key === key);
    expect(listed).toMatchObject({ kind: 'use-cache', tags: ['listed'], sizeBytes: 12, tagState: 'fresh' });
    expect(listed!.expireAt! - listed!.createdAt).toBe(600_000);
    expect(Math.abs(listed!.redisExpireAt! - listed!.expireAt!)).toBeLessThan(1000);
  });

  it('counts its hits, misses and stale serves with the engine recorder, under its own label', async () => {
    const key = unique('counted');
    await handler().get(key, []);
    await handler().set(key, pendingEntry(Buffer.from('c')));
    await handler().get(key, []);
    const { flushMetrics } = await import('../cache/recorder');
    await flushMetrics();
    const { withRedis } = await import('../core/redis');
    const { statsKeys } = await import('../cache/keys');
    const totals = await withRedis((client) => client.hgetall(statsKeys.totals('live', 'next-cache')));
    expect(Number(totals.hit)).toBeGreaterThanOrEqual(1);
    expect(Number(totals.miss)).toBeGreaterThanOrEqual(1);
  });
}
