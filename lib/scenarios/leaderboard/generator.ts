import 'server-only';
import { mulberry32 } from '../../core/random';
import type { Db } from './connection';
import { playerName } from './player-names';

/**
 * The seeded data set: players and games generated from a fixed seed, so the same (players, rows)
 * always yields byte-identical data across machines and runs.
 */

/**
 * Bump whenever the generated data or the schema changes: the meta row stores it, so existing
 * files are re-seeded instead of silently keeping data from an older generator.
 */
export const GENERATOR_VERSION = 1;
const PRNG_SEED = 0x5eed_cafe;
/** Seeded games are spread over the year before this instant (fixed, not Date.now(), for determinism). */
const SEED_EPOCH_END_MS = Date.UTC(2025, 0, 1);
const SEED_SPAN_MS = 365 * 24 * 3600 * 1000;
/** Rows per INSERT statement while seeding: fewer VM round trips; 3 params × 200 is well under SQLite's 32766 limit. */
const INSERT_BATCH = 200;

export interface SeedParams {
  players: number;
  rows: number;
}

/** Per-player traits that shape the generated games. */
interface PlayerTraits {
  /** Cumulative activity weights, for picking which player plays each game. */
  cumulativeActivity: Float64Array;
  /** Mean fraction of the max score (0–1) each player tends to reach. */
  skill: Float64Array;
}

/** Fills freshly created `players` and `games` tables; the caller holds the transaction. */
export function insertSeedData(db: Db, { players, rows }: SeedParams): void {
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

/** Box–Muller; `1 - u` keeps the log argument in (0, 1]. */
function standardNormal(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
