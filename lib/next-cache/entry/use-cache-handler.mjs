// Next.js `cacheHandlers` entry ('use cache', 'use cache: remote'): point next.config.ts at this file.
// Plain JS because Next imports it at run time, unbundled. The implementation (lib/next-cache/use-cache.ts,
// on the app's Redis client) is registered by `registerNextCache()` in instrumentation.ts; until then —
// `next build`, which runs no instrumentation — reads are misses and writes are dropped, and an invalidation
// fails: it would be lost otherwise. See docs/next-cache.md.
const REGISTRY = Symbol.for('cachelab.next-cache');
const registered = () => globalThis[REGISTRY]?.useCache;

const redisCacheHandler = {
  async get(cacheKey, softTags) {
    return registered()?.get(cacheKey, softTags);
  },
  async set(cacheKey, pendingEntry) {
    const live = registered();
    if (live) return live.set(cacheKey, pendingEntry);
    await (await pendingEntry).value.cancel();
  },
  async refreshTags() {
    await registered()?.refreshTags();
  },
  async getExpiration(tags) {
    return registered()?.getExpiration(tags) ?? 0;
  },
  async updateTags(tags, durations) {
    const live = registered();
    if (!live) throw new Error('Next.js cache on Redis: not registered in this process (call registerNextCache() from instrumentation.ts)');
    return live.updateTags(tags, durations);
  },
};

export default redisCacheHandler;
