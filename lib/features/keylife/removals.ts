import 'server-only';
import { statsKeys } from '../../cache/keys';
import type { RedisClient } from '../../core/redis';
import { env } from '../../core/env';

/** The removals Redis reports and the key-life stream counts (Prometheus' `reason` label). */
export const REMOVAL_REASONS = ['expired', 'evicted'] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];

/**
 * One hash of totals (field = reason) among the metric keys (`<prefix>_stats:`), so a stats
 * reset clears it with the rest. Its own key, not the life stream's: in a cluster it lives in
 * another slot, so it is a second command after the timeline's script, not part of it.
 */
export const removalsKey = (prefix = env.CACHE_PREFIX) => `${statsKeys.pattern(prefix).slice(0, -1)}keylife:removals`;

/**
 * Counts a removal the timeline kept. Every app instance receives Redis' notification but the
 * timeline keeps one row of it, so counting only kept rows counts each removal once however
 * many instances listen.
 */
export async function countRemoval(client: RedisClient, reason: RemovalReason, prefix = env.CACHE_PREFIX): Promise<void> {
  await client.hincrby(removalsKey(prefix), reason, 1);
}

/** Totals since the last stats reset, every reason present (0 before the first). */
export async function readRemovals(client: RedisClient, prefix = env.CACHE_PREFIX): Promise<Record<RemovalReason, number>> {
  const stored = await client.hgetall(removalsKey(prefix));
  return Object.fromEntries(REMOVAL_REASONS.map((reason) => [reason, Number(stored[reason] ?? 0) || 0])) as Record<RemovalReason, number>;
}
