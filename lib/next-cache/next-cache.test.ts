import { afterAll, beforeAll, describe } from 'vitest';
import { handlerSuite } from '../testing/next-cache-suite';
import { OwnRedisServer, pointAppAt } from '../testing/redis-server';

/**
 * Next's cache handlers on a standalone Redis of this file's own: the listing is one bounded SCAN, and the
 * shared test DB may hold 100,000 keys of another file (app/api/scale.test.ts) at the same moment.
 */
let server: OwnRedisServer;
let app: { nextCache: typeof import('./register'); handlers: typeof import('./use-cache'); tags: typeof import('./tags'); store: typeof import('./store'); events: typeof import('./events') };

beforeAll(async () => {
  server = await OwnRedisServer.start();
  await pointAppAt(server, { REDIS_COMMAND_TIMEOUT_MS: '2000', REDIS_BREAKER_THRESHOLD: '5' });
  app = { nextCache: await import('./register'), handlers: await import('./use-cache'), tags: await import('./tags'), store: await import('./store'), events: await import('./events') };
});

afterAll(async () => {
  const { flushMetrics } = await import('../cache/recorder');
  await flushMetrics();
  await app.events.nextCacheEvents().flush();
  (await (await import('../core/redis')).getRedis()).client.disconnect();
  await (await (await import('../cache/near/process')).processNearCache())?.close();
  await server?.stop();
});

describe('Next cache handlers on standalone Redis', () => {
  handlerSuite(() => ({
    nextCache: app.nextCache,
    other: () => new app.handlers.UseCacheHandler({ store: new app.store.EntryStore(), tags: new app.tags.TagManifest(), events: app.events.nextCacheEvents() }),
  }));
});
