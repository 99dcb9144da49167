import { ok, route } from '@/lib/http/handler';
import { roundMs } from '@/lib/http/scenario-response';
import { topPlayers } from '@/lib/scenarios/leaderboard/store';

/** The top 50 straight from the database, without the cache: expensive, so the page asks only on demand. */
export const GET = route({ limit: 'scenario' }, async () => {
  const started = performance.now();
  const top = await topPlayers();
  const queryMs = roundMs(performance.now() - started);
  return ok({ ...top, queryMs }, { headers: { 'Server-Timing': `db;desc="top 50 query";dur=${queryMs}` } });
});
