import 'server-only';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { mulberry32 } from '../../random';

/**
 * The leaderboard scenario's "slow origin": a real SQLite database of game results whose
 * top-N is a genuine GROUP BY over every row. Everything here is synchronous (better-sqlite3);
 * the cache in front of it is what makes repeated reads cheap.
 */

/** Largest score `recordGame` accepts. Seeded games score 0–1000, so a big recorded score visibly moves the top. */
export const MAX_RECORDED_SCORE = 1_000_000;
/** Largest `top()` page; the query cost does not depend on it, but the payload does. */
export const MAX_TOP_LIMIT = 1000;

/** Normal wait for a lock held by another connection (a concurrent `recordGame`, a checkpoint...). */
const BUSY_TIMEOUT_MS = 10_000;
/** Default wait for another process that is seeding the same file (1M rows take a few seconds). */
const DEFAULT_SEED_LOCK_TIMEOUT_MS = 120_000;
/**
 * Bump whenever the generated data or the schema changes: the meta row stores it, so existing
 * files are re-seeded instead of silently keeping data from an older generator.
 */
const GENERATOR_VERSION = 1;
/** Fixed so that the same (players, rows) always yields byte-identical data across machines and runs. */
const PRNG_SEED = 0x5eed_cafe;
/** Seeded games are spread over the year before this instant (fixed, not Date.now(), for determinism). */
const SEED_EPOCH_END_MS = Date.UTC(2025, 0, 1);
const SEED_SPAN_MS = 365 * 24 * 3600 * 1000;
/** Rows per INSERT statement while seeding: fewer VM round trips; 3 params × 200 is well under SQLite's 32766 limit. */
const INSERT_BATCH = 200;

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

type Db = Database.Database;

interface SeedParams {
  players: number;
  rows: number;
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

function configure(db: Db): void {
  // busy_timeout first: switching to WAL needs a lock another opener may briefly hold.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL: readers (top queries) never block the writer (recordGame) and vice versa.
  db.pragma('journal_mode = WAL');
  // Safe with WAL (a crash can lose the last commits, never corrupt); this is demo data.
  db.pragma('synchronous = NORMAL');
}

// ---------------------------------------------------------------------------------------------
// Seeding
// ---------------------------------------------------------------------------------------------

interface MetaRow {
  generator_version: number;
  players: number;
  rows: number;
}

/**
 * Seeds at most once per file even when several processes open it at the same moment:
 * 1. fast path: the meta row already matches → nothing to do, no write lock taken;
 * 2. otherwise BEGIN IMMEDIATE takes SQLite's single write lock (others wait in the busy handler),
 *    then the meta row is checked AGAIN inside the transaction: a loser of the race finds the
 *    winner's committed data and just commits its empty transaction.
 * Dropping, creating, inserting and writing meta all happen in that one transaction, so other
 * connections see either the old data or the complete new data, never a half-seeded file.
 * (Two processes configured with *different* sizes would re-seed each other on every open.)
 */
function ensureSeeded(db: Db, params: SeedParams, lockTimeoutMs: number): SeedReport {
  const unchanged: SeedReport = { seeded: false, ms: 0, ...params };
  if (metaMatches(readMeta(db), params)) return unchanged;

  beginImmediate(db, lockTimeoutMs);
  try {
    if (metaMatches(readMeta(db), params)) {
      db.exec('COMMIT');
      return unchanged;
    }
    const started = performance.now();
    recreateSchema(db);
    insertSeedData(db, params);
    // Indexes would go here, after the bulk insert, so rows are not indexed one by one.
    // Deliberately none on `games` (see `top`).
    db.prepare('INSERT INTO meta (id, generator_version, players, rows, seeded_at) VALUES (1, ?, ?, ?, ?)').run(
      GENERATOR_VERSION,
      params.players,
      params.rows,
      Date.now(),
    );
    db.exec('COMMIT');
    const ms = performance.now() - started;
    truncateWal(db);
    return { seeded: true, ms, ...params };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/** Waits up to `timeoutMs` (not the normal 10 s) because the lock holder may be seeding a million rows. */
function beginImmediate(db: Db, timeoutMs: number): void {
  db.pragma(`busy_timeout = ${timeoutMs}`);
  try {
    db.exec('BEGIN IMMEDIATE');
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

function readMeta(db: Db): MetaRow | undefined {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (exists === undefined) return undefined;
  return db.prepare('SELECT generator_version, players, rows FROM meta WHERE id = 1').get() as MetaRow | undefined;
}

function metaMatches(meta: MetaRow | undefined, params: SeedParams): boolean {
  return (
    meta !== undefined &&
    meta.generator_version === GENERATOR_VERSION &&
    meta.players === params.players &&
    meta.rows === params.rows
  );
}

function recreateSchema(db: Db): void {
  db.exec(`
    DROP TABLE IF EXISTS meta;
    DROP TABLE IF EXISTS games;
    DROP TABLE IF EXISTS players;
    CREATE TABLE players (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE games (
      id INTEGER PRIMARY KEY,
      player_id INTEGER NOT NULL,
      score INTEGER NOT NULL,
      played_at INTEGER NOT NULL
    );
    CREATE TABLE meta (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      generator_version INTEGER NOT NULL,
      players INTEGER NOT NULL,
      rows INTEGER NOT NULL,
      seeded_at INTEGER NOT NULL
    );
  `);
}

/** Per-player traits that shape the generated games. */
interface PlayerTraits {
  /** Cumulative activity weights, for picking which player plays each game. */
  cumulativeActivity: Float64Array;
  /** Mean fraction of the max score (0–1) each player tends to reach. */
  skill: Float64Array;
}

function insertSeedData(db: Db, { players, rows }: SeedParams): void {
  const random = mulberry32(PRNG_SEED);
  const insertPlayer = db.prepare('INSERT INTO players (id, name) VALUES (?, ?)');
  for (let id = 1; id <= players; id += 1) insertPlayer.run(id, playerName(id));

  const traits = generateTraits(players, random);
  const batchInsert = db.prepare(insertGamesSql(INSERT_BATCH));
  const batch: number[] = [];
  for (let i = 0; i < rows; i += 1) {
    const player = pickPlayer(traits.cumulativeActivity, random());
    batch.push(player + 1, gameScore(traits.skill[player] ?? 0, random), seedPlayedAt(i, rows));
    if (batch.length === INSERT_BATCH * 3) {
      batchInsert.run(batch);
      batch.length = 0;
    }
  }
  if (batch.length > 0) db.prepare(insertGamesSql(batch.length / 3)).run(batch);
}

function insertGamesSql(rowCount: number): string {
  return `INSERT INTO games (player_id, score, played_at) VALUES ${Array(rowCount).fill('(?, ?, ?)').join(', ')}`;
}

/**
 * Skew, so the top of the board is interesting and not a flat tie:
 * - activity is log-normal: a few players play far more games than most (totals span orders of magnitude);
 * - skill is biased low (u²): most players average a few hundred points, a handful are strong.
 */
function generateTraits(players: number, random: () => number): PlayerTraits {
  const cumulativeActivity = new Float64Array(players);
  const skill = new Float64Array(players);
  let total = 0;
  for (let i = 0; i < players; i += 1) {
    total += Math.exp(1.1 * standardNormal(random));
    cumulativeActivity[i] = total;
    skill[i] = 0.15 + 0.6 * random() ** 2;
  }
  return { cumulativeActivity, skill };
}

/** Binary search of the cumulative weights: O(log players) per game. Returns a 0-based index. */
function pickPlayer(cumulative: Float64Array, u: number): number {
  const target = u * (cumulative[cumulative.length - 1] ?? 0);
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((cumulative[mid] ?? 0) <= target) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Skill plus triangular noise (cheap, bounded), clamped to 0–1000. */
function gameScore(skill: number, random: () => number): number {
  const noise = (random() + random() - 1) * 0.3;
  return Math.round(1000 * Math.min(1, Math.max(0, skill + noise)));
}

/** Games are laid out in time order over the seed year, like an append-only log. */
function seedPlayedAt(index: number, rows: number): number {
  return SEED_EPOCH_END_MS - SEED_SPAN_MS + Math.floor((index * SEED_SPAN_MS) / Math.max(1, rows));
}

/**
 * Best effort: after a bulk seed the WAL holds a copy of every page (~20 MB at 1M rows); fold it
 * back and truncate the file. With busy_timeout 0 it never waits: if other connections are busy
 * reading, we simply skip it and SQLite's automatic checkpoints catch up later.
 */
function truncateWal(db: Db): void {
  db.pragma('busy_timeout = 0');
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Nothing to do: skipping only costs disk space until the next checkpoint.
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Deterministic helpers
// ---------------------------------------------------------------------------------------------

/** Box–Muller; `1 - u` keeps the log argument in (0, 1]. */
function standardNormal(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const ADJECTIVES = [
  'Swift', 'Brave', 'Clever', 'Silent', 'Lucky', 'Mighty', 'Fuzzy', 'Golden', 'Rapid', 'Sneaky',
  'Cosmic', 'Frosty', 'Jolly', 'Nimble', 'Quiet', 'Rusty', 'Sunny', 'Witty', 'Bold', 'Calm',
  'Crimson', 'Dizzy', 'Eager', 'Fierce', 'Gentle', 'Happy', 'Icy', 'Keen', 'Misty', 'Noble',
  'Proud', 'Wild',
] as const;

const ANIMALS = [
  'Otter', 'Falcon', 'Badger', 'Panda', 'Tiger', 'Fox', 'Wolf', 'Koala', 'Lynx', 'Raven',
  'Heron', 'Moose', 'Gecko', 'Bison', 'Puffin', 'Yak', 'Cobra', 'Dingo', 'Eagle', 'Ferret',
  'Gibbon', 'Hyena', 'Ibis', 'Jaguar', 'Lemur', 'Marmot', 'Narwhal', 'Ocelot', 'Penguin', 'Quokka',
  'Walrus', 'Zebra',
] as const;

const NAME_NUMBERS = 100;
const NAME_SPACE = ADJECTIVES.length * ANIMALS.length * NAME_NUMBERS;
/** Prime not dividing NAME_SPACE (2^12·5^2), so `id · step mod NAME_SPACE` is a permutation. */
const NAME_STEP = 7919;

/**
 * "SwiftOtter42"-style names, a pure function of the id. The affine permutation scatters
 * consecutive ids across the name space (no "SwiftOtter1, SwiftOtter2...") while keeping names
 * unique for the first 102,400 players; beyond that the number grows, so they stay unique.
 */
export function playerName(id: number): string {
  const index = ((id - 1) % NAME_SPACE) * NAME_STEP % NAME_SPACE;
  const number = (index % NAME_NUMBERS) + NAME_NUMBERS * Math.floor((id - 1) / NAME_SPACE);
  const animal = ANIMALS[Math.floor(index / NAME_NUMBERS) % ANIMALS.length] ?? 'Otter';
  const adjective = ADJECTIVES[Math.floor(index / (NAME_NUMBERS * ANIMALS.length))] ?? 'Swift';
  return `${adjective}${animal}${number}`;
}

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

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

function createLeaderboard(db: Db, file: string, seed: SeedReport, now: () => number): Leaderboard {
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
