/**
 * Runs once when the server starts: a bad setting stops it with a clear message now,
 * not on the first request, and the Redis backend (real or embedded) is chosen up front.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  await import('./lib/env');
  const { getRedis } = await import('./lib/redis');
  const { backend } = await getRedis();
  console.log(`[cachelab] cache backend: ${backend === 'redis' ? 'Redis' : 'embedded in-memory store (no Redis found)'}`);
  await openLeaderboardDatabase();
}

/** Seeding blocks the event loop for a second or two: pay it now, not during someone's first request. */
async function openLeaderboardDatabase() {
  const { leaderboardStore } = await import('./lib/scenarios/leaderboard/store');
  const { db } = leaderboardStore();
  const { seeded, ms, players, rows } = db.seed;
  console.log(`[cachelab] leaderboard database ${db.file}: ${players} players, ${rows} games${seeded ? ` (seeded in ${Math.round(ms)} ms)` : ''}`);
}
