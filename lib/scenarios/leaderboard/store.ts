import 'server-only';
import path from 'node:path';
import { env } from '../../core/env';
import { freshSingleFlight } from '../../core/single-flight';
import { openLeaderboard } from './db';
import type { Leaderboard, TopPlayers } from './model';
import { ranked, TOP_SQL } from './queries';
import { QueryWorker } from './query-worker';

/** How many players the cached leaderboard holds (the key says top50). */
const TOP_SIZE = 50;

interface Store {
  db: Leaderboard;
  top: () => Promise<TopPlayers>;
  worker: QueryWorker;
}

const STORE = Symbol.for('cachelab.leaderboard.store');
type Anchored = typeof globalThis & { [STORE]?: Store };

/**
 * The leaderboard database, opened (and seeded on first use) once per process: anchored on
 * globalThis like the Redis client, because Next evaluates modules in several graphs.
 * Writes and point lookups run here (fast); the top-50 aggregate runs in a worker thread.
 */
export function leaderboardStore(): Store {
  const anchor = globalThis as Anchored;
  anchor[STORE] ??= openStore();
  return anchor[STORE];
}

function openStore(): Store {
  const file = path.resolve(env.LEADERBOARD_DB);
  const db = openLeaderboard({ file, players: env.LEADERBOARD_PLAYERS, rows: env.LEADERBOARD_ROWS });
  const worker = new QueryWorker(file, TOP_SQL);
  // Concurrent readers (a miss, bypasses, the live view) share a query that started after they asked.
  const top = freshSingleFlight(async () => {
    const rows = (await worker.all([TOP_SIZE])) as Parameters<typeof ranked>[0];
    return { entries: ranked(rows), computedAt: new Date().toISOString() };
  });
  return { db, top, worker };
}

/** Seeding blocks the event loop for a second or two: pay it when the server starts, not in someone's first request. */
export function openLeaderboardAtStart(): void {
  const { file, seed } = leaderboardStore().db;
  const seeded = seed.seeded ? ` (seeded in ${Math.round(seed.ms)} ms)` : '';
  console.log(`[cachelab] leaderboard database ${file}: ${seed.players} players, ${seed.rows} games${seeded}`);
}

/** The top 50 straight from the database: the expensive query the cache exists for. */
export function topPlayers(): Promise<TopPlayers> {
  return leaderboardStore().top();
}

/** For tests: close the database and the worker so the file can be deleted. */
export async function closeLeaderboardStore(): Promise<void> {
  const anchor = globalThis as Anchored;
  const store = anchor[STORE];
  anchor[STORE] = undefined;
  if (!store) return;
  await store.worker.close();
  store.db.close();
}
