import 'server-only';
import { z } from 'zod';

/** Integer setting with a documented default; rejects junk like "3s" or "-1" with a clear message. */
const int = (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const schema = z.object({
  PORT: int(3000, 1, 65535),
  /** Unset means "auto": the local Redis if it answers at start-up, else the embedded store. */
  REDIS_URL: optionalText.pipe(z.url({ protocol: /^rediss?$/ }).optional()),
  CACHE_PREFIX: z.string().min(1).max(64).regex(/^[A-Za-z0-9:_.-]+$/, 'letters, digits and : _ . - only').default('cachelab:'),
  /** Upper bound on any Redis command, so a slow or paused server can never hang a request. */
  REDIS_COMMAND_TIMEOUT_MS: int(300, 10, 60_000),
  /** Consecutive Redis failures that open the circuit, and how long it then stays open. */
  REDIS_BREAKER_THRESHOLD: int(3, 1, 1000),
  REDIS_BREAKER_COOLDOWN_MS: int(2000, 50, 600_000),
  /** How long per-second metric buckets live; bounds metric memory. */
  METRICS_RETENTION_SECONDS: int(3600, 60, 7 * 24 * 3600),

  USERNAME_DELAY_MS: int(3000, 0, 120_000),
  USERNAME_TTL_HOURS: z.coerce.number().positive().max(24 * 365).default(24),

  SENTIMENT_DELAY_MS: int(1500, 0, 120_000),
  SENTIMENT_TTL_HOURS: z.coerce.number().positive().max(24 * 365).default(48),

  LEADERBOARD_DB: z.string().min(1).default('data/leaderboard.db'),
  LEADERBOARD_PLAYERS: int(10_000, 50, 10_000_000),
  LEADERBOARD_ROWS: int(1_000_000, 50, 100_000_000),

  WEATHER_DELAY_MS: int(2000, 0, 120_000),
  WEATHER_TTL_HOURS: z.coerce.number().positive().max(24 * 365).default(24),

  /** IANA zone whose midnight ends day-aligned entries; default is the server's own zone. */
  CACHE_TZ: z
    .string()
    .default(() => Intl.DateTimeFormat().resolvedOptions().timeZone)
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris'),

  /** When set, mutating admin endpoints require it (header `x-admin-token` or `Authorization: Bearer`). */
  ADMIN_TOKEN: optionalText,
  /** Largest request body accepted, in bytes. */
  MAX_BODY_BYTES: int(16_384, 64, 10_000_000),
  /** Requests per client per window on expensive and mutating endpoints; 0 disables the limit. */
  RATE_LIMIT_POINTS: int(120, 0, 1_000_000),
  RATE_LIMIT_WINDOW_SECONDS: int(60, 1, 86_400),

  /** Serves `/api/bench/baseline` (the framework's throughput ceiling for `npm run bench`); off = that route is a 404. */
  BENCH_ROUTES: z.stringbool().default(false),
});

export type Env = z.infer<typeof schema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function loadEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = schema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .map((issue) => `  ${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(source[String(issue.path[0])])})`)
    .join('\n');
  throw new Error(`Invalid Cache Lab configuration:\n${problems}\nSee README.md "Settings" for every variable and its default.`);
}

/** Read and validated once per process; tests set process.env before importing. */
export const env: Env = loadEnv(process.env);
