import { parseArgs } from 'node:util';

/**
 * How long and how hard each section runs. The defaults keep the whole run to about three
 * minutes on 2 cores; `--quick` is a smoke test of the harness, not a measurement.
 */
export interface BenchOptions {
  quick: boolean;
  /** Sections to run (1–7). */
  only: ReadonlySet<number>;
  /** Rebuild even when a production build exists. */
  build: boolean;
  port: number;
  redisUrl: string;
  hitPath: { warmup: number; blocks: number; perBlock: number };
  http: { connections: number; seconds: number; rounds: number; warmupSeconds: number };
  stampede: { requests: number; computeMs: number };
  dashboard: { keyCounts: readonly number[]; requests: number };
  speedup: { rounds: number; hits: number };
}

const USAGE = `npm run bench [-- --quick] [-- --only=1,2] [-- --build]
  --quick   a fast smoke run of the harness (figures not meaningful)
  --only    run only these sections (1 hit path, 2 peers, 3 HTTP, 4 stampede, 5 dashboard, 6 speed-up, 7 tracing)
  --build   run \`next build\` first even when a build exists
env BENCH_PORT (3230): port of the \`next start\` it runs; BENCH_REDIS_URL (redis://127.0.0.1:6379/11): loopback Redis and DB it uses`;

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, build: { type: 'boolean', default: false }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const quick = values.quick ?? false;
  const only = new Set((values.only ?? '1,2,3,4,5,6,7').split(',').map(Number).filter((section) => section >= 1 && section <= 7));
  const redisUrl = env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/11';
  if (!isLoopback(redisUrl)) throw new Error(`BENCH_REDIS_URL must point at a loopback Redis (127.0.0.1, localhost, ::1); got ${redactPassword(redisUrl)}`);
  return {
    quick,
    only,
    build: values.build ?? false,
    port: Number(env.BENCH_PORT ?? 3230),
    redisUrl,
    hitPath: quick ? { warmup: 200, blocks: 3, perBlock: 500 } : { warmup: 2000, blocks: 5, perBlock: 4000 },
    http: quick ? { connections: 32, seconds: 1, rounds: 1, warmupSeconds: 1 } : { connections: 32, seconds: 5, rounds: 3, warmupSeconds: 2 },
    stampede: { requests: 200, computeMs: quick ? 100 : 250 },
    dashboard: { keyCounts: quick ? [100, 10_000] : [100, 100_000], requests: quick ? 10 : 40 },
    speedup: quick ? { rounds: 1, hits: 5 } : { rounds: 3, hits: 15 },
  };
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

const redactPassword = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');
