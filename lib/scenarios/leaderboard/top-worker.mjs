// Worker thread that runs the leaderboard's expensive aggregate (TOP_SQL from queries.ts) on its own
// read-only connection. better-sqlite3 is synchronous: on the main thread a ~1 s query would
// freeze every other request, and make cache hits on other pages look slow.
// Plain JavaScript so Node can start it as is (tests) and Next can bundle it as a worker entry.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, sql, busyTimeoutMs } = workerData;
const db = new Database(file, { readonly: true, fileMustExist: true });
db.pragma(`busy_timeout = ${busyTimeoutMs}`);
const statement = db.prepare(sql);

parentPort.on('message', ({ id, params }) => {
  try {
    parentPort.postMessage({ id, rows: statement.all(...params) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
