import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/**
 * Runs before each test file's modules load (lib/core/env.ts reads process.env once):
 * every file gets its own key prefix on its own DB index of the real Redis, so runs
 * and other sessions sharing that Redis never see each other's keys.
 */
process.env.REDIS_URL ??= 'redis://127.0.0.1:6379/9';
process.env.CACHE_PREFIX = `cltest-${randomBytes(4).toString('hex')}:`;
process.env.USERNAME_DELAY_MS ??= '40';
process.env.SENTIMENT_DELAY_MS ??= '40';
process.env.WEATHER_DELAY_MS ??= '40';
process.env.METRICS_RETENTION_SECONDS ??= '600';
// A small leaderboard in a file of its own, seeded in milliseconds, deleted with the test file.
if (!process.env.LEADERBOARD_DB) {
  const file = path.join(tmpdir(), `cachelab-test-${randomBytes(4).toString('hex')}.db`);
  process.env.LEADERBOARD_DB = file;
  // Hooks run last-registered first: this comes after the test file's own afterAll (closing the database).
  afterAll(() => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  });
}
process.env.LEADERBOARD_PLAYERS ??= '300';
process.env.LEADERBOARD_ROWS ??= '20000';
// Test files share a busy machine and Redis: a slow reply is not what they test (fault tests set their own).
process.env.REDIS_COMMAND_TIMEOUT_MS ??= '2000';
