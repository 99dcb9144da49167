import { afterAll, beforeAll, describe } from 'vitest';
import { handlerSuite } from '../testing/next-cache-suite';
import { inspector, removeUnder } from '../testing/redis';

/** Next's cache handlers on the shared standalone Redis (DB 9, this file's own prefix). */
let app: { nextCache: typeof import('./register'); handlers: typeof import('./use-cache'); tags: typeof import('./tags'); store: typeof import('./store'); events: typeof import('./events') };

beforeAll(async () => {
  app = { nextCache: await import('./register'), handlers: await import('./use-cache'), tags: await import('./tags'), store: await import('./store'), events: await import('./events') };
});

afterAll(async () => {
  const { flushMetrics } = await import('../cache/recorder');
  await flushMetrics();
  await app.events.nextCacheEvents().flush();
  const redis = inspector();
  await removeUnder(redis, process.env.CACHE_PREFIX!);
  redis.disconnect();
  (await (await import('../core/redis')).getRedis()).client.disconnect();
  await (await (await import('../cache/near/process')).processNearCache())?.close();
});

describe('Next cache handlers on standalone Redis', () => {
  handlerSuite(() => ({
    nextCache: app.nextCache,
    other: () => new app.handlers.UseCacheHandler({ store: new app.store.EntryStore(), tags: new app.tags.TagManifest(), events: app.events.nextCacheEvents() }),
  }));
});
