import 'server-only';
import { performance } from 'node:perf_hooks';
import { withBusyTimeout, type Db } from './connection';
import { GENERATOR_VERSION, insertSeedData, type SeedParams } from './generator';
import type { SeedReport } from './model';

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
export function ensureSeeded(db: Db, params: SeedParams, lockTimeoutMs: number): SeedReport {
  const unchanged: SeedReport = { seeded: false, ms: 0, ...params };
  if (metaMatches(readMeta(db), params)) return unchanged;

  // Waits up to `lockTimeoutMs` (not the normal 10 s) because the lock holder may be seeding a million rows.
  withBusyTimeout(db, lockTimeoutMs, () => db.exec('BEGIN IMMEDIATE'));
  try {
    if (metaMatches(readMeta(db), params)) {
      db.exec('COMMIT');
      return unchanged;
    }
    const started = performance.now();
    recreateSchema(db);
    insertSeedData(db, params);
    // Indexes would go here, after the bulk insert, so rows are not indexed one by one.
    // Deliberately none on `games` (see TOP_SQL in queries.ts).
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

/**
 * Best effort: after a bulk seed the WAL holds a copy of every page (~20 MB at 1M rows); fold it
 * back and truncate the file. With busy_timeout 0 it never waits: if other connections are busy
 * reading, we simply skip it and SQLite's automatic checkpoints catch up later.
 */
function truncateWal(db: Db): void {
  try {
    withBusyTimeout(db, 0, () => db.pragma('wal_checkpoint(TRUNCATE)'));
  } catch {
    // Nothing to do: skipping only costs disk space until the next checkpoint.
  }
}
