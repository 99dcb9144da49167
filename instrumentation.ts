/**
 * Runs once when the server starts: a bad setting stops it with a clear message now,
 * not on the first request, and the Redis backend (real or embedded) is chosen up front.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  await import('./lib/core/env');
  // Before anything loads ioredis, so its instrumentation patches it; with no OTLP endpoint set, loads nothing.
  await (await import('./lib/telemetry')).startTelemetry();
  const { getRedis } = await import('./lib/core/redis');
  const { backend } = await getRedis();
  console.log(`[cachelab] cache backend: ${backend === 'redis' ? 'Redis' : 'embedded in-memory store (no Redis found)'}`);
  // Features that watch the cache (key life) listen to the engine before the first request.
  (await import('./lib/server/wiring')).wireFeatures();
  // Keyspace notifications (REDIS_NOTIFICATIONS): listening from the start, so no key's end is missed.
  await (await import('./lib/features/keylife/hub')).startKeyLife();
  // Tested again in place so the Edge build drops this Node-only import.
  if (process.env.NEXT_RUNTIME === 'nodejs') (await import('./lib/scenarios/leaderboard/store')).openLeaderboardAtStart();
}
