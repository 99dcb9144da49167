import 'server-only';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/** Normal wait for a lock held by another connection (a concurrent `recordGame`, a checkpoint...). */
export const BUSY_TIMEOUT_MS = 10_000;

/** Pause between two attempts at the WAL switch while another connection is making it. */
const WAL_SWITCH_RETRY_MS = 5;

export function configure(db: Db): void {
  // busy_timeout first: the WAL switch waits in it for a lock another opener holds (but see switchToWal).
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL: readers (top queries) never block the writer (recordGame) and vice versa.
  switchToWal(db);
  // Safe with WAL (a crash can lose the last commits, never corrupt); this is demo data.
  db.pragma('synchronous = NORMAL');
}

/**
 * `journal_mode = WAL`, retried while another connection holds the write lock.
 * On a file still in rollback mode (every new file) the switch rewrites the header: SQLite first
 * takes a read lock, then asks for the write lock. If another connection got the write lock in
 * between (another process switching the same new file), SQLite answers SQLITE_BUSY at once,
 * without calling the busy handler: that connection is waiting for our read lock to go, so
 * waiting on it would deadlock (sqlite3_busy_handler's documentation; sqlite3BtreeSetVersion).
 * The failed statement has released our read lock, so the other switch completes, and our next
 * attempt finds the header already saying WAL: a read, no write lock needed.
 * `pause` is how it waits between attempts (synchronously, like the busy handler itself does).
 */
export function switchToWal(db: Db, pause: (ms: number) => void = sleepSync): void {
  const deadline = performance.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (!isBusy(error) || performance.now() >= deadline) throw error;
      pause(WAL_SWITCH_RETRY_MS);
    }
  }
}

/** Runs `work` with another busy timeout (0: never wait), then restores the normal one. */
export function withBusyTimeout<T>(db: Db, timeoutMs: number, work: () => T): T {
  db.pragma(`busy_timeout = ${timeoutMs}`);
  try {
    return work();
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

function isBusy(error: unknown): boolean {
  // SQLITE_BUSY and its extended codes (SQLITE_BUSY_RECOVERY...): another connection holds a lock.
  return error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY');
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
