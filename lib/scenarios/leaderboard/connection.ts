import 'server-only';
import type Database from 'better-sqlite3';

export type Db = Database.Database;

/** Normal wait for a lock held by another connection (a concurrent `recordGame`, a checkpoint...). */
export const BUSY_TIMEOUT_MS = 10_000;

export function configure(db: Db): void {
  // busy_timeout first: switching to WAL needs a lock another opener may briefly hold.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL: readers (top queries) never block the writer (recordGame) and vice versa.
  db.pragma('journal_mode = WAL');
  // Safe with WAL (a crash can lose the last commits, never corrupt); this is demo data.
  db.pragma('synchronous = NORMAL');
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
