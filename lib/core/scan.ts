import 'server-only';
import type Redis from 'ioredis';
import { masterNodes, unlinkKeys, type RedisClient } from './redis';

export interface ScanLimits {
  /** Stop once this many keys were found… */
  pageSize: number;
  /** …or after this many SCAN calls, whichever comes first. */
  maxCalls: number;
  /** COUNT hint of each call: roughly how many slots of the keyspace it looks at. */
  count: number;
}

export interface ScannedPage {
  keys: string[];
  cursor: string;
  calls: number;
}

/**
 * One bounded walk of the keyspace: SCAN (never KEYS, which blocks Redis while it lists
 * everything) from `cursor` until a page is full or the call budget is spent. Returns the
 * cursor to continue from; "0" means the walk is complete.
 */
export async function scanPage(client: Redis, pattern: string, cursor: string, limits: ScanLimits, keep: (key: string) => boolean = () => true): Promise<ScannedPage> {
  const keys = new Set<string>();
  let next = cursor;
  let calls = 0;
  do {
    const [after, batch] = await client.scan(next, 'MATCH', pattern, 'COUNT', limits.count);
    calls += 1;
    next = after;
    for (const key of batch) if (keep(key)) keys.add(key);
  } while (next !== '0' && calls < limits.maxCalls && keys.size < limits.pageSize);
  return { keys: [...keys], cursor: next, calls };
}

/**
 * Deletes every key matching `pattern` on every master, batch by batch as the walk finds them
 * (UNLINK frees memory off the main thread). `onUnlinked` hears each batch (the key timelines).
 */
export async function unlinkMatching(
  client: RedisClient,
  pattern: string,
  keep: (key: string) => boolean = () => true,
  onUnlinked?: (keys: string[]) => Promise<unknown>,
): Promise<number> {
  let deleted = 0;
  for (const node of masterNodes(client)) {
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      const doomed = batch.filter((key) => keep(key));
      deleted += await unlinkKeys(client, doomed);
      if (doomed.length > 0) await onUnlinked?.(doomed);
    } while (cursor !== '0');
  }
  return deleted;
}
