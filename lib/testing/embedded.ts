import type Redis from 'ioredis';
import RedisMock from 'ioredis-mock';

/** lib/core/redis.ts anchors its handle here; planting the embedded store stands in for a machine without Redis. */
const HANDLE = Symbol.for('cachelab.redis.handle');
type Anchored = typeof globalThis & { [HANDLE]?: Promise<{ client: Redis; backend: 'embedded'; topology: 'standalone' }> };

/** Makes the app use a fresh embedded store (ioredis-mock) until `restore` is called. */
export function plantEmbeddedStore(): { store: Redis; restore: () => void } {
  const store = new RedisMock() as unknown as Redis;
  const anchor = globalThis as Anchored;
  anchor[HANDLE] = Promise.resolve({ client: store, backend: 'embedded', topology: 'standalone' });
  return {
    store,
    restore: () => {
      delete anchor[HANDLE];
      store.disconnect();
    },
  };
}
