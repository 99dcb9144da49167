// Next.js `cacheHandler` entry (the incremental cache: pages, route handlers, fetch): point next.config.ts
// at this file. Plain JS for the same reason as use-cache-handler.mjs; the implementation
// (lib/next-cache/incremental.ts) is registered by `registerNextCache()` in instrumentation.ts.
const REGISTRY = Symbol.for('cachelab.next-cache');
const live = () => globalThis[REGISTRY]?.incremental;

export default class RedisIncrementalCache {
  async get(cacheKey, context) {
    return (await live()?.get(cacheKey, context)) ?? null;
  }

  async set(cacheKey, data, context) {
    await live()?.set(cacheKey, data, context);
  }

  async revalidateTag(tags, durations) {
    const store = live();
    if (!store) throw new Error('Next.js cache on Redis: not registered in this process (call registerNextCache() from instrumentation.ts)');
    await store.revalidateTag(tags, durations);
  }

  resetRequestCache() {}
}
