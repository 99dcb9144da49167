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

  /** Exchange rates: the simulated upstream's delay, and how often a new rate is published (entries end at the next one). */
  RATES_DELAY_MS: int(1000, 0, 120_000),
  RATES_PUBLISH_EVERY_MINUTES: int(60, 1, 24 * 60),

  /** Stampede lock: its lifetime (must exceed the slowest computation), how long others wait for the value, how often they look. */
  CACHE_LOCK_TTL_MS: int(15_000, 100, 600_000),
  CACHE_LOCK_WAIT_MS: int(10_000, 0, 600_000),
  CACHE_LOCK_POLL_MS: int(25, 1, 10_000),
  /** Stale-while-revalidate: how long past its expiry a value may still be served while one refresh runs. */
  CACHE_SWR_GRACE_SECONDS: int(600, 1, 7 * 24 * 3600),

  /** Near cache (strategy `near`): the in-process L1's bounds per app instance, in entries and in bytes of stored JSON. */
  NEAR_CACHE_MAX_ENTRIES: int(10_000, 0, 10_000_000),
  NEAR_CACHE_MAX_BYTES: int(32 * 1024 * 1024, 0, 4 * 1024 * 1024 * 1024),
  /** The hit path's memo of decoded envelopes (lib/cache/decoded.ts), per app instance. */
  HIT_DECODED_MAX_ENTRIES: int(1000, 0, 1_000_000),
  HIT_DECODED_MAX_BYTES: int(8 * 1024 * 1024, 0, 1024 * 1024 * 1024),

  /** Traffic simulator caps per run: length, requests, virtual users, request rate, distinct inputs. */
  SIMULATOR_MAX_DURATION_SECONDS: int(120, 1, 3600),
  SIMULATOR_MAX_REQUESTS: int(10_000, 1, 1_000_000),
  SIMULATOR_MAX_USERS: int(500, 1, 10_000),
  SIMULATOR_MAX_RPS: int(2000, 1, 100_000),
  SIMULATOR_MAX_INPUTS: int(10_000, 1, 1_000_000),

  /** IANA zone whose midnight ends day-aligned entries; default is the server's own zone. */
  CACHE_TZ: z
    .string()
    .default(() => Intl.DateTimeFormat().resolvedOptions().timeZone)
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris'),

  /** Dashboard: widest chart window /api/stats accepts (its cost grows with the window, never with the keys). */
  STATS_MAX_WINDOW_SECONDS: int(900, 60, 24 * 3600),
  /** Key browser: keys per page, the COUNT hint of each SCAN call, and SCAN calls per page at most. */
  KEYS_PAGE_SIZE: int(50, 1, 1000),
  KEYS_SCAN_COUNT: int(100, 10, 10_000),
  KEYS_SCAN_MAX_CALLS: int(8, 1, 1000),
  // Client honesty (client helper)
  /** Key browser: pages a filter keeps scanning by itself until a key matches (each page bounded as above); then "Scan further" asks. */
  KEYS_FILTER_AUTO_PAGES: int(20, 1, 1000),
  /** Largest part of one cached value the key browser sends to the browser. */
  KEY_VALUE_MAX_BYTES: int(262_144, 1024, 50_000_000),

  /** Classroom: rooms in Redis, bounded so a class (or a script) cannot grow them without end. */
  /** Students who may join one room (each join takes a seat; seats are not given back). */
  CLASSROOM_MAX_STUDENTS: int(40, 1, 1000),
  /** Open rooms at once, across every app instance (they share Redis). */
  CLASSROOM_MAX_ROOMS: int(20, 1, 10_000),
  /** A room's lifetime from its creation; all its keys expire with it. */
  CLASSROOM_ROOM_MINUTES: int(180, 1, 7 * 24 * 60),
  /** Longest nickname, in characters after NFKC normalisation. */
  CLASSROOM_NICKNAME_MAX: int(24, 2, 64),
  /** Guided rounds one room may run. */
  CLASSROOM_MAX_ROUNDS: int(50, 1, 1000),
  /** Latest requests a room keeps for its live feed (older ones still count in the totals); also the keys it follows for "who warmed it". */
  CLASSROOM_FEED_LENGTH: int(60, 10, 1000),
  /** Origin printed in join links and the QR code (e.g. http://192.168.1.20:3000); unset: this machine's LAN address. */
  CLASSROOM_JOIN_ORIGIN: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),

  /** When set, mutating admin endpoints require it (header `x-admin-token` or `Authorization: Bearer`). */
  ADMIN_TOKEN: optionalText,
  /** Largest request body accepted, in bytes. */
  MAX_BODY_BYTES: int(16_384, 64, 10_000_000),
  /** Per client per window: requests that compute (a miss or bypass; a hit is never charged) and mutations, each bucket apart; 0 disables. */
  RATE_LIMIT_POINTS: int(120, 0, 1_000_000),
  RATE_LIMIT_WINDOW_SECONDS: int(60, 1, 86_400),

  /* Where Cache Lab runs (embedded store, standalone, Redis Cluster, several instances): see docs/configurations.md. */
  /**
   * Comma-separated `host:port` seeds of a Redis Cluster (an entry may be a `redis[s]://[user:password@]host:port` URL:
   * its password and TLS apply to every node). Set: the Cluster client and the hash-tagged key layout. Default unset.
   */
  REDIS_CLUSTER_NODES: optionalText.pipe(z.string().regex(/^[^\s,]+(,[^\s,]+)*$/, 'comma-separated host:port entries').optional()),
  /** Where the start-up probe looks for a local Redis when REDIS_URL is unset (default redis://127.0.0.1:6379). */
  REDIS_PROBE_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  /** Only where Redis refuses CLIENT TRACKING (otherwise a switch is pushed): how often each process then re-reads the strategy hash. */
  STRATEGY_REFRESH_MS: int(500, 50, 1000),
  /** How long one failed cache command or metrics flush keeps /api/health `degraded` (and the banner up). */
  HEALTH_ERROR_WINDOW_SECONDS: int(30, 1, 3600),

  // --- labs (eviction and failure labs, issue 13) ---
  /** A Redis the labs may CONFIG SET, flush, pause and restart; never the cache's own. Unset: the app starts its own redis-server. */
  LAB_REDIS_URL: optionalText.pipe(z.url({ protocol: /^rediss?$/ }).optional()),
  /** Start a private redis-server (the local binary) when LAB_REDIS_URL is unset; off: the lab pages explain how to get one. */
  LAB_REDIS_SPAWN: z.stringbool().default(true),
  /** Eviction lab caps per run: distinct inputs, capacity in entries, value size, requests and seconds per policy, rate, virtual users. */
  LAB_MAX_INPUTS: int(100_000, 10, 10_000_000),
  LAB_MAX_CAPACITY: int(20_000, 10, 1_000_000),
  LAB_MAX_VALUE_BYTES: int(8192, 16, 1_048_576),
  LAB_MAX_REQUESTS: int(200_000, 100, 10_000_000),
  LAB_MAX_DURATION_SECONDS: int(60, 1, 3600),
  LAB_MAX_RPS: int(50_000, 1, 1_000_000),
  LAB_MAX_USERS: int(64, 1, 10_000),
  /** Largest maxmemory a lab run may give the lab Redis, in MB: protects the machine it runs on. */
  LAB_MAX_MEMORY_MB: int(256, 1, 65_536),
  /** Failure lab caps: longest pause, added latency, filler written by "fill memory", and how long its traffic may run. */
  LAB_MAX_PAUSE_SECONDS: int(30, 1, 3600),
  LAB_MAX_LATENCY_MS: int(2000, 0, 60_000),
  LAB_FILL_MB: int(16, 1, 4096),
  LAB_MAX_TRAFFIC_SECONDS: int(300, 5, 86_400),
  /** Key life (keyspace notifications, key timelines, the live event stream). */
  /** `auto`: listen if the server's notify-keyspace-events has what is needed; `on`: CONFIG SET the missing classes at start; `off`: no subscriber. */
  REDIS_NOTIFICATIONS: z.enum(['auto', 'on', 'off']).default('auto'),
  /** Events kept per key timeline (a capped stream per key); bounds the memory of one key's history. */
  KEYLIFE_TIMELINE_MAX_EVENTS: int(100, 10, 10_000),
  /** How long a key's timeline outlives the key, so "what happened to it" can still be asked afterwards. */
  KEYLIFE_RETAIN_SECONDS: int(600, 10, 7 * 24 * 3600),
  /** Events each app process keeps for stream clients that reconnect with Last-Event-ID. */
  STREAM_BUFFER_EVENTS: int(1000, 10, 100_000),
  /** Seconds between heartbeat comments on an idle event stream (proxies close silent connections). */
  STREAM_HEARTBEAT_SECONDS: int(15, 1, 300),
  /** Open event streams per process at most; beyond that GET /api/stream answers 503. */
  STREAM_MAX_CLIENTS: int(500, 1, 100_000),
  /** Longest `?ttl=` (seconds) a scenario request may ask for its entry. */
  SCENARIO_MAX_TTL_SECONDS: int(86_400, 1, 365 * 24 * 3600),

  /** Serves `/api/bench/baseline` (the framework's throughput ceiling for `npm run bench`); off = that route is a 404. */
  BENCH_ROUTES: z.stringbool().default(false),

  /* Traces (OpenTelemetry; docs/observability.md). The standard variables, validated here so a bad one stops the start. */
  /**
   * Where traces go, OTLP over HTTP: the collector's base URL (`/v1/traces` is appended). Unset, together with the
   * traces-only one below, means no tracing at all: no SDK loaded, no exporter, no connection.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** The traces endpoint itself, used as given (no path appended); wins over OTEL_EXPORTER_OTLP_ENDPOINT. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** OTLP's encoding: protobuf (the standard default) or JSON. gRPC is not offered (no gRPC exporter is installed). */
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(['http/protobuf', 'http/json']).default('http/protobuf'),
  /** The same for traces only; wins over OTEL_EXPORTER_OTLP_PROTOCOL. */
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: z.enum(['http/protobuf', 'http/json']).optional(),
  /** Batch span processor: the longest a finished span waits before it is sent (ms). */
  OTEL_BSP_SCHEDULE_DELAY: int(5000, 10, 600_000),
  /** The `service.name` of every span. */
  OTEL_SERVICE_NAME: z.string().trim().min(1).max(128).default('cache-lab'),
  /** `true` turns tracing off even with an endpoint set (the standard kill switch). */
  OTEL_SDK_DISABLED: z.stringbool().default(false),
  /**
   * The dashboard links each recent request's trace id here: a URL with `{traceId}` in it, e.g.
   * `http://localhost:16686/trace/{traceId}` (Jaeger). Unset: the trace id is shown, not linked.
   */
  TRACE_UI_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).includes('{traceId}', { message: 'must contain {traceId}' }).optional()),

  /* Route rules (routes helper). */
  /**
   * DNS rebinding guard: host names (comma-separated, no port, e.g. `cachelab.example.org,teacher.local`) the app
   * answers to besides IP literals and `localhost`, which are always accepted. Any other Host is a 421. Default: none.
   */
  ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== ''))
    .pipe(z.array(z.string().max(253).regex(/^[a-z0-9.-]+$/, 'host names only: letters, digits, "." and "-" (no port, no scheme)'))),
});

export type Env = z.infer<typeof schema>;
/** The schema itself, for the test that keeps docs/settings.md in step with it (lib/core/env-docs.test.ts). */
export { schema as envSchema };

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Settings that may carry a password: a bad value is named, never echoed into the logs. */
const SECRET_SETTINGS = new Set(['REDIS_URL', 'ADMIN_TOKEN', 'REDIS_CLUSTER_NODES', 'LAB_REDIS_URL', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']);

function loadEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = schema.safeParse(source);
  if (parsed.success) return parsed.data;
  const shown = (name: string) => (SECRET_SETTINGS.has(name) ? 'a value not shown, as it may hold a password' : JSON.stringify(source[name]));
  const problems = parsed.error.issues
    .map((issue) => `  ${issue.path.join('.')}: ${issue.message} (got ${shown(String(issue.path[0]))})`)
    .join('\n');
  throw new Error(`Invalid Cache Lab configuration:\n${problems}\nSee docs/settings.md for every variable, its default and its bounds.`);
}

/** Read and validated once per process; tests set process.env before importing. */
export const env: Env = loadEnv(process.env);
