import 'server-only';
import type { Db } from './connection';
import {
  InvalidScoreError,
  MAX_RECORDED_SCORE,
  MAX_TOP_LIMIT,
  UnknownPlayerError,
  type Leaderboard,
  type LeaderboardEntry,
  type Player,
  type SeedReport,
} from './model';

/**
 * The expensive query the cache exists for: aggregate EVERY game, then sort the totals.
 * No precomputed totals table and deliberately no index on games(player_id, score): such a
 * covering index (or a materialised totals table) would turn this into a cheap scan and the
 * scenario would have nothing to show. At 1M rows this costs hundreds of ms, like a real
 * analytics query, which is exactly what a cache-aside layer should absorb.
 * The inner query ranks player ids only; names are joined for the final page.
 * Exported for the worker thread that runs it off the event loop (top-worker.mjs); one parameter: the limit.
 */
export const TOP_SQL = `
  SELECT t.player_id AS playerId, p.name AS name, t.total AS score
  FROM (
    SELECT player_id, SUM(score) AS total
    FROM games
    GROUP BY player_id
    ORDER BY total DESC, player_id ASC
    LIMIT ?
  ) AS t
  JOIN players AS p ON p.id = t.player_id
  ORDER BY t.total DESC, t.player_id ASC
`;

/**
 * Single statement, so "player exists" and "insert" are atomic without an explicit transaction:
 * nothing is inserted (changes = 0) when the player is unknown.
 */
const RECORD_GAME_SQL = `
  INSERT INTO games (player_id, score, played_at)
  SELECT @playerId, @score, @playedAt
  WHERE EXISTS (SELECT 1 FROM players WHERE id = @playerId)
`;

/** Rows of TOP_SQL as entries. Ties are broken by player id in SQL, so position is a stable, unique rank. */
export function ranked(rows: ReadonlyArray<Omit<LeaderboardEntry, 'rank'>>): LeaderboardEntry[] {
  return rows.map((row, index) => ({ rank: index + 1, ...row }));
}

/** The queries of an opened, seeded database, prepared once. */
export function createLeaderboard(db: Db, file: string, seed: SeedReport, now: () => number): Leaderboard {
  const topStatement = db.prepare(TOP_SQL);
  const recordStatement = db.prepare(RECORD_GAME_SQL);
  const playerStatement = db.prepare('SELECT id AS playerId, name FROM players WHERE id = ?');
  const playerCountStatement = db.prepare('SELECT COUNT(*) AS n FROM players').pluck();
  const gameCountStatement = db.prepare('SELECT COUNT(*) AS n FROM games').pluck();

  return {
    file,
    seed,
    top(limit = 50) {
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_TOP_LIMIT) {
        throw new RangeError(`limit must be an integer between 1 and ${MAX_TOP_LIMIT}, got ${limit}`);
      }
      return ranked(topStatement.all(limit) as Array<Omit<LeaderboardEntry, 'rank'>>);
    },
    recordGame(playerId, score) {
      if (!Number.isSafeInteger(score) || score < 0 || score > MAX_RECORDED_SCORE) throw new InvalidScoreError(score);
      if (!Number.isSafeInteger(playerId) || playerId < 1) throw new UnknownPlayerError(playerId);
      const playedAt = now();
      const info = recordStatement.run({ playerId, score, playedAt });
      if (info.changes === 0) throw new UnknownPlayerError(playerId);
      return { gameId: Number(info.lastInsertRowid), playerId, score, playedAt };
    },
    player(id) {
      if (!Number.isSafeInteger(id) || id < 1) return null;
      return (playerStatement.get(id) as Player | undefined) ?? null;
    },
    playerCount: () => playerCountStatement.get() as number,
    gameCount: () => gameCountStatement.get() as number,
    close() {
      if (db.open) db.close();
    },
  };
}
