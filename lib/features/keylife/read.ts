import 'server-only';
import { assertCacheKey } from '../../scenarios/own-key';
import { withRedis } from '../../core/redis';
import { keyLifeRecorder } from './recorder';
import { notificationStatus } from './hub';
import { readLife } from './timeline';
import type { KeyTimeline } from './types';

/** A cache key's timeline, its state right now, and what this backend can and cannot report. */
export async function keyTimeline(key: string): Promise<KeyTimeline> {
  assertCacheKey(key);
  // Hits of the current second are still pending in this process: write them first.
  await keyLifeRecorder().flush();
  const [events, pttl] = await withRedis(async (client) => Promise.all([readLife(client, key), client.pttl(key)]));
  return { key, events, exists: pttl !== -2, ttlMs: pttl >= 0 ? pttl : null, notifications: await notificationStatus() };
}
