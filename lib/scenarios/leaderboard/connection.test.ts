import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUSY_TIMEOUT_MS, configure, switchToWal } from './connection';

// The interleaving of several processes opening the same new file, forced in one process (SQLite's
// unix VFS makes two connections of one process contend for file locks like two processes do):
// `holder` has taken the write lock, as the opener that got there first holds it while it switches
// the file to WAL; `db` is the opener that arrives a moment later.

let dir: string;
let file: string;
const connections: Database.Database[] = [];

/** A connection that waits for locks as configure() makes every leaderboard connection wait. */
function connect(): Database.Database {
  const db = new Database(file);
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  connections.push(db);
  return db;
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'leaderboard-connection-'));
  file = path.join(dir, 'new.db');
});

afterEach(() => {
  vi.restoreAllMocks();
  for (const db of connections.splice(0)) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('switchToWal', () => {
  it('SQLite itself answers SQLITE_BUSY at once, ignoring busy_timeout, when another connection holds the write lock', () => {
    // Why switchToWal retries: the switch takes a read lock then wants the write lock; waiting for
    // it in the busy handler could deadlock, so SQLite does not wait.
    const holder = connect();
    holder.exec('BEGIN IMMEDIATE');
    const db = connect();
    const started = performance.now();
    expect(() => db.pragma('journal_mode = WAL')).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
    expect(performance.now() - started).toBeLessThan(BUSY_TIMEOUT_MS / 2);
  });

  it('switches a new file to WAL once the other connection releases the write lock', () => {
    const holder = connect();
    holder.exec('BEGIN IMMEDIATE');
    const db = connect();
    const pauses: number[] = [];
    switchToWal(db, (ms) => {
      pauses.push(ms);
      if (holder.inTransaction) holder.exec('COMMIT');
    });
    expect(pauses).toHaveLength(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // The mode is in the file: a fresh connection sees it too.
    expect(connect().pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('gives up with SQLITE_BUSY after the normal busy timeout if the lock never goes', () => {
    const holder = connect();
    holder.exec('BEGIN IMMEDIATE');
    const db = connect();
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    let pausedMs = 0;
    const attempt = () =>
      switchToWal(db, (ms) => {
        pausedMs += ms;
        now += ms;
      });
    expect(attempt).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
    expect(pausedMs).toBe(BUSY_TIMEOUT_MS);
  });

  it('does not retry other errors', () => {
    const db = connect();
    db.exec('BEGIN');
    const pause = vi.fn();
    expect(() => switchToWal(db, pause)).toThrow(/within a transaction/);
    expect(pause).not.toHaveBeenCalled();
  });
});

describe('configure', () => {
  it('leaves a file in WAL with the normal busy timeout', () => {
    const db = new Database(file);
    connections.push(db);
    configure(db);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
  });
});
