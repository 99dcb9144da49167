/**
 * `npm run bench`: the performance figures of issue 7, measured side by side on this
 * machine (README, "Benchmarks"). Loopback only; writes bench/results/latest.json and
 * prints a Markdown report to stdout (progress goes to stderr).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseOptions } from './options';
import { renderReport } from './report';

async function main() {
  const options = parseOptions(process.argv.slice(2));
  // One random prefix for everything this run writes (in-process and server), removed at the end.
  const prefix = `bench-${randomBytes(4).toString('hex')}:`;
  // The server gets the caller's environment as it was (so scenario delays are the usual ones), on
  // the bench's Redis and prefix, with the baseline route on. The rate limit keeps its default: hits
  // are not charged (only requests that compute are), so the HTTP section measures what production runs.
  const serverEnv = { ...process.env, REDIS_URL: options.redisUrl, CACHE_PREFIX: prefix, BENCH_ROUTES: '1' };
  // lib/core/env.ts reads process.env once, when first imported: settle this process's settings,
  // then load the modules that use lib/. A short username delay only shortens the priming miss.
  Object.assign(process.env, { REDIS_URL: options.redisUrl, CACHE_PREFIX: prefix, USERNAME_DELAY_MS: '20' });
  // As the app does at start-up: features that watch the cache (key life) listen to the engine,
  // so a measured hit pays what a hit pays in production.
  (await import('../lib/server/wiring')).wireFeatures();
  const { runBench } = await import('./sections');
  const results = await runBench(options, prefix, serverEnv);

  console.log(renderReport(results));
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/latest.json', `${JSON.stringify({ options: { ...options, only: [...options.only] }, ...results }, null, 2)}\n`);
  console.error('[bench] wrote bench/results/latest.json');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('[bench] failed:', error);
    process.exit(1);
  },
);
