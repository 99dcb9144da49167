/**
 * What the leaderboard database offers, and the limits and errors of its API. No server-only
 * marker and no imports: the page reads the limits and the browser compares boards of these entries.
 */

/** Largest score `recordGame` accepts. Seeded games score 0–1000, so a big recorded score visibly moves the top. */
export const MAX_RECORDED_SCORE = 1_000_000;
/** Largest `top()` page; the query cost does not depend on it, but the payload does. */
export const MAX_TOP_LIMIT = 1000;

export interface LeaderboardEntry {
  rank: number;
  playerId: number;
  name: string;
  /** Sum of all of the player's game scores. */
  score: number;
}

export interface Player {
  playerId: number;
  name: string;
}

export interface GameRecord {
  gameId: number;
  playerId: number;
  score: number;
  /** ms since epoch */
  playedAt: number;
}

export interface SeedReport {
  /** True when this open generated the data; false when it found it already there (possibly seeded by another process). */
  seeded: boolean;
  /** Time spent seeding in this open, ms (0 when nothing was seeded). */
  ms: number;
  players: number;
  rows: number;
}

export interface Leaderboard {
  readonly file: string;
  readonly seed: SeedReport;
  top(limit?: number): LeaderboardEntry[];
  recordGame(playerId: number, score: number): GameRecord;
  player(id: number): Player | null;
  playerCount(): number;
  gameCount(): number;
  close(): void;
}

export class UnknownPlayerError extends Error {
  readonly code = 'unknown_player';
  constructor(readonly playerId: unknown) {
    super(`unknown player: ${String(playerId)}`);
    this.name = 'UnknownPlayerError';
  }
}

export class InvalidScoreError extends Error {
  readonly code = 'invalid_score';
  constructor(readonly score: unknown) {
    super(`score must be an integer between 0 and ${MAX_RECORDED_SCORE}, got ${String(score)}`);
    this.name = 'InvalidScoreError';
  }
}

/** The cached top 50, as the page shows it. */
export interface TopPlayers {
  entries: LeaderboardEntry[];
  /** When the database answered (ISO): a cached copy keeps this time. */
  computedAt: string;
}

/** What POST /api/leaderboard/games answers: the game recorded, and what became of the cached top. */
export interface PlayedGame {
  game: Omit<GameRecord, 'playedAt'> & { playedAt: string };
  player: Player;
  /** The write deleted the cache key (invalidate on write). */
  invalidated: boolean;
  /** A cached top 50 existed and was removed. */
  deleted: boolean;
}
