import 'server-only';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { configure } from './connection';
import type { SeedParams } from './generator';
import type { Leaderboard } from './model';
import { createLeaderboard } from './queries';
import { ensureSeeded } from './seed';

/**
 * The leaderboard scenario's "slow origin": a real SQLite database of game results whose
 * top-N is a genuine GROUP BY over every row. Everything here is synchronous (better-sqlite3);
 * the cache in front of it is what makes repeated reads cheap. This module opens the file;
 * seed.ts fills it once (generator.ts makes the data), queries.ts reads and writes it.
 */

/** Default wait for another process that is seeding the same file (1M rows take a few seconds). */
const DEFAULT_SEED_LOCK_TIMEOUT_MS = 120_000;

export interface LeaderboardOptions {
  /** Path of the SQLite file; its directory is created if missing. */
  file: string;
  /** Number of players to generate (≥ 1). */
  players: number;
  /** Number of game results to generate (≥ 0). */
  rows: number;
  /** How long to wait for another process that is seeding the same file. Default 120 s. */
  seedLockTimeoutMs?: number;
  /** Clock for `recordGame`'s `playedAt` (ms since epoch); injectable for tests. */
  now?: () => number;
}

export function openLeaderboard(options: LeaderboardOptions): Leaderboard {
  const params = checkOptions(options);
  mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true });
  const db = new Database(options.file);
  try {
    configure(db);
    const seed = ensureSeeded(db, params, options.seedLockTimeoutMs ?? DEFAULT_SEED_LOCK_TIMEOUT_MS);
    return createLeaderboard(db, options.file, seed, options.now ?? Date.now);
  } catch (error) {
    db.close();
    throw error;
  }
}

function checkOptions({ players, rows, seedLockTimeoutMs }: LeaderboardOptions): SeedParams {
  if (!Number.isSafeInteger(players) || players < 1) throw new RangeError(`players must be a positive integer, got ${players}`);
  if (!Number.isSafeInteger(rows) || rows < 0) throw new RangeError(`rows must be a non-negative integer, got ${rows}`);
  if (seedLockTimeoutMs !== undefined && !(Number.isSafeInteger(seedLockTimeoutMs) && seedLockTimeoutMs >= 0)) {
    throw new RangeError(`seedLockTimeoutMs must be a non-negative integer, got ${seedLockTimeoutMs}`);
  }
  return { players, rows };
}
