/**
 * `npm run soak`: a few minutes of mixed traffic against `next start` (the production build)
 * on its own redis-server, which is killed and restarted twice. Then it checks that every
 * answered request was counted exactly once (per status), that nothing answered 5xx, that the
 * server's memory stayed flat after warm-up and that metric keys stay bounded. Loopback only.
 *
 * A restarted Redis is empty, so the totals are read right before each kill, with traffic
 * paused and the app's 250 ms metric flushes settled, and added up at the end.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import Redis from 'ioredis';
import { statsKeys } from '../lib/cache/keys';
import { STATUSES } from '../lib/cache/types';
import { freePort, OwnRedisServer, waitFor } from '../lib/testing/redis-server';

const PHASE_SECONDS = Number(process.env.SOAK_PHASE_SECONDS ?? 30);
const WARM_UP_SECONDS = Math.max(10, Math.round(PHASE_SECONDS * 0.7));
const OUTAGE_SECONDS = 5;
const CLIENTS = 8;
const PREFIX = 'soak:';
const HOT_NAMES = 20;
const WARM_NAMES = 200;
/** Median RSS of the last fifth of samples may exceed the first fifth's by this much. */
const RSS_GROWTH_ALLOWED = { ratio: 1.2, bytes: 24 * 1024 * 1024 };

type Tally = Record<(typeof STATUSES)[number], number>;
const emptyTally = (): Tally => Object.fromEntries(STATUSES.map((status) => [status, 0])) as Tally;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Observed {
  answered: Tally;
  byHttpStatus: Map<number, number>;
  fiveHundreds: string[];
  requests: number;
}

const observed: Observed = { answered: emptyTally(), byHttpStatus: new Map(), fiveHundreds: [], requests: 0 };

async function main() {
  if (!existsSync('.next/BUILD_ID')) throw new Error('no production build: run `npm run build` first');
  const redis = await OwnRedisServer.start();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '--port', String(port)], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', REDIS_URL: redis.url, CACHE_PREFIX: PREFIX, USERNAME_DELAY_MS: '50', RATE_LIMIT_POINTS: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const shutdown = async () => {
    app.kill('SIGTERM');
    await redis.stop();
  };
  process.once('SIGINT', () => void shutdown().then(() => process.exit(130)));

  // Queues its commands while Redis restarts: it only reads, so nothing can count twice.
  const inspect = new Redis(redis.url);
  inspect.on('error', () => {});
  try {
    await waitFor(async () => (await fetch(`${base}/api/health`).catch(() => null))?.status === 200, 60_000, 250);
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(treeRss(app.pid ?? 0)), 2000);

    log(`warm-up ${WARM_UP_SECONDS} s`);
    await run(base, WARM_UP_SECONDS, true);
    const warmSamples = rss.length;

    const counted: Tally[] = [];
    for (const restart of [1, 2]) {
      await run(base, PHASE_SECONDS, true);
      counted.push(await settledTotals(inspect));
      log(`restart ${restart}: killing Redis, ${OUTAGE_SECONDS} s of traffic without it`);
      await redis.stop();
      await run(base, OUTAGE_SECONDS, false);
      await redis.resume();
      await recover(base);
    }
    await run(base, PHASE_SECONDS, true);
    counted.push(await settledTotals(inspect));
    clearInterval(sampler);

    const report = check(counted, rss.slice(warmSamples), await metricKeys(inspect));
    console.log(JSON.stringify(report, null, 2));
    if (!report.passed) process.exitCode = 1;
  } finally {
    inspect.disconnect();
    await shutdown();
  }
}

/** Mixed traffic from CLIENTS loops for `seconds`; invalidations only while Redis is up. */
async function run(base: string, seconds: number, redisUp: boolean): Promise<void> {
  const until = Date.now() + seconds * 1000;
  let unique = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      while (Date.now() < until) {
        const roll = Math.random();
        if (roll < 0.6) await lookup(base, `hot${Math.floor(Math.random() ** 2 * HOT_NAMES)}`);
        else if (roll < 0.75) await lookup(base, `warm${Math.floor(Math.random() * WARM_NAMES)}`);
        else if (roll < 0.82) await lookup(base, `fresh${client}x${(unique += 1)}x${Date.now()}`);
        else if (roll < 0.9) await lookup(base, `hot${Math.floor(Math.random() * HOT_NAMES)}`, '?cache=bypass');
        else if (roll < 0.95) await send(base, '/api/username/no%20spaces%20allowed');
        else if (redisUp) await send(base, `/api/username/hot${Math.floor(Math.random() * HOT_NAMES)}`, 'DELETE');
        else await send(base, '/api/health');
      }
    }),
  );
}

/** After a restart the app needs a moment (reconnect back-off, open circuit) before it uses Redis again. */
async function recover(base: string): Promise<void> {
  const started = Date.now();
  while ((await lookup(base, 'hot0')) === 'bypass') await sleep(100);
  log(`the app uses Redis again after ${Date.now() - started} ms`);
}

async function lookup(base: string, name: string, query = ''): Promise<string | null> {
  const response = await send(base, `/api/username/${name}${query}`);
  const status = response.headers.get('x-cache-status') as keyof Tally | null;
  if (response.status === 200 && status && status in observed.answered) observed.answered[status] += 1;
  return status;
}

async function send(base: string, path: string, method = 'GET'): Promise<Response> {
  const response = await fetch(`${base}${path}`, { method });
  await response.arrayBuffer();
  observed.requests += 1;
  observed.byHttpStatus.set(response.status, (observed.byHttpStatus.get(response.status) ?? 0) + 1);
  // Health answers 503 while Redis is down, by design; nothing else may fail.
  if (response.status >= 500 && !path.startsWith('/api/health')) observed.fiveHundreds.push(`${method} ${path} → ${response.status}`);
  return response;
}

/** Totals once the app's metric flushes have settled: two equal readings 600 ms apart. */
async function settledTotals(inspect: Redis): Promise<Tally> {
  let previous = '';
  for (;;) {
    await sleep(600);
    const totals = await inspect.hgetall(statsKeys.totals('live', 'username', PREFIX));
    const reading = JSON.stringify(totals);
    if (reading === previous) return Object.fromEntries(STATUSES.map((status) => [status, Number(totals[status] ?? 0)])) as Tally;
    previous = reading;
  }
}

async function metricKeys(inspect: Redis): Promise<{ count: number; withoutTtl: string[]; events: number }> {
  const keys = await inspect.keys(`${PREFIX}_stats:*`);
  const withoutTtl: string[] = [];
  for (const key of keys) if ((await inspect.ttl(key)) < 0) withoutTtl.push(key);
  return { count: keys.length, withoutTtl, events: await inspect.xlen(statsKeys.events(PREFIX)) };
}

function check(segments: Tally[], rss: number[], keys: Awaited<ReturnType<typeof metricKeys>>) {
  const counted = emptyTally();
  for (const segment of segments) for (const status of STATUSES) counted[status] += segment[status];
  const answered = Object.values(observed.answered).reduce((sum, count) => sum + count, 0);
  const total = Object.values(counted).reduce((sum, count) => sum + count, 0);
  const fifth = Math.max(1, Math.floor(rss.length / 5));
  const early = median(rss.slice(0, fifth));
  const late = median(rss.slice(-fifth));
  const minutesSinceRestart = PHASE_SECONDS / 60 + 2;
  // Since the last restart: totals and histogram, one series hash and one flush-id hash per minute, the events stream.
  const keyBound = 2 + 2 * Math.ceil(minutesSinceRestart) + 1;
  const checks = {
    countsExact: STATUSES.every((status) => counted[status] === observed.answered[status]) && total === answered,
    no5xx: observed.fiveHundreds.length === 0,
    rssFlat: late <= early * RSS_GROWTH_ALLOWED.ratio + RSS_GROWTH_ALLOWED.bytes,
    // Without a TTL: only the totals hashes and the events stream (capped at 100 entries).
    metricKeysBounded: keys.count <= keyBound && keys.events <= 100 && keys.withoutTtl.every((key) => key.includes(':totals:') || key === statsKeys.events(PREFIX)),
  };
  return {
    passed: Object.values(checks).every(Boolean),
    checks,
    requests: observed.requests,
    scenarioAnswers: answered,
    answeredByStatus: observed.answered,
    countedByStatus: counted,
    countedPerSegment: segments,
    httpStatuses: Object.fromEntries([...observed.byHttpStatus].sort(([a], [b]) => a - b)),
    fiveHundreds: observed.fiveHundreds.slice(0, 10),
    rssMb: { afterWarmUp: mb(early), atEnd: mb(late), samples: rss.length },
    metricKeys: { ...keys, bound: keyBound },
  };
}

/** RSS of a process and its descendants (`next start` may run the server in a child). */
function treeRss(pid: number): number {
  try {
    const own = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
    return own + children.reduce((sum, child) => sum + treeRss(child), 0);
  } catch {
    return 0;
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;
const log = (line: string) => console.error(`[soak] ${line}`);

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
