import 'server-only';
import { unlinkKeys, withRedis } from '../core/redis';
import { CacheEngine } from './engine';
import { cacheKey } from './keys';
import { notify } from './observers';
import type { CachedOptions, CachedResult } from './options';

const defaultEngine = new CacheEngine();

/** The app's engine: one per process, on the shared Redis client. */
export function cached<V>(options: CachedOptions<V>): Promise<CachedResult<V>> {
  return defaultEngine.cached(options);
}

/** Delete one cached entry by its readable key; true when something was deleted. `by` goes on the key's timeline. */
export async function invalidate(readableKey: string, by = 'invalidate (DELETE on its scenario endpoint)'): Promise<boolean> {
  const key = cacheKey(readableKey);
  const deleted = (await withRedis((client) => client.del(key))) > 0;
  if (deleted) await notify.deleted({ key, by });
  return deleted;
}

/** Tell the cache's observers of entries deleted outside `invalidate` (the key browser, a flush). */
export const noteDeleted = (key: string, by: string) => notify.deleted({ key, by });

/** Delete many entries (UNLINK in batches); the number deleted. */
export async function invalidateMany(readableKeys: readonly string[], batchSize = 500): Promise<number> {
  let deleted = 0;
  for (let index = 0; index < readableKeys.length; index += batchSize) {
    const batch = readableKeys.slice(index, index + batchSize).map((key) => cacheKey(key));
    deleted += await withRedis((client) => unlinkKeys(client, batch));
  }
  return deleted;
}
