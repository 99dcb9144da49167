import 'server-only';
import { isStatsKey, statsKeys } from '../../cache/keys';
import { flushMetrics } from '../../cache/recorder';
import { unlinkMatching } from '../../core/scan';
import { withRedis } from '../../core/redis';

/**
 * Forget every figure: deletes the `<prefix>_stats:*` keys and nothing else (cache entries
 * stay). What the recorder still holds in memory is written first, so it goes too. The rate
 * limiter's budgets are not figures: they stay, or a reset would hand out a fresh budget.
 */
export async function resetStats(): Promise<number> {
  await flushMetrics();
  const budgets = statsKeys.rateLimit('');
  // CACHE_PREFIX admits no glob characters (lib/core/env.ts), so the pattern matches literally.
  return withRedis((client) => unlinkMatching(client, statsKeys.pattern(), (key) => isStatsKey(key) && !key.startsWith(budgets)));
}
