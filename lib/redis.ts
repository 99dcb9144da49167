import 'server-only';
import Redis, { type RedisOptions } from 'ioredis';
import { CircuitBreaker, RedisUnavailableError } from './circuit';
import { env } from './env';
import { redisAnswers } from './redis-probe';

export type Backend = 'redis' | 'embedded';

export interface RedisHandle {
  client: Redis;
  backend: Backend;
}

export { RedisUnavailableError };

const LOCAL_REDIS = 'redis://127.0.0.1:6379';
const HANDLE = Symbol.for('cachelab.redis.handle');
const BREAKER = Symbol.for('cachelab.redis.breaker');
type Anchored = typeof globalThis & { [HANDLE]?: Promise<RedisHandle>; [BREAKER]?: CircuitBreaker };

/**
 * One client per process. Anchored on globalThis because Next.js evaluates
 * modules in several graphs (and again on hot reload); each would otherwise open its own.
 */
export function getRedis(): Promise<RedisHandle> {
  const anchor = globalThis as Anchored;
  anchor[HANDLE] ??= connect();
  return anchor[HANDLE];
}

/** The process-wide circuit breaker in front of Redis. */
export function redisBreaker(): CircuitBreaker {
  const anchor = globalThis as Anchored;
  anchor[BREAKER] ??= new CircuitBreaker({ threshold: env.REDIS_BREAKER_THRESHOLD, cooldownMs: env.REDIS_BREAKER_COOLDOWN_MS });
  return anchor[BREAKER];
}

/**
 * Runs Redis work behind the circuit breaker. Connection trouble surfaces as
 * `RedisUnavailableError` so callers can fail open (compute without the cache).
 */
export async function withRedis<T>(work: (client: Redis) => Promise<T>): Promise<T> {
  const { client } = await getRedis();
  try {
    return await redisBreaker().run(() => work(client));
  } catch (error) {
    // Refusals (OOM, READONLY…) would otherwise go unnoticed behind the fail-open path.
    if (error instanceof RedisUnavailableError && error.refused) logRedisProblem(`Redis refused a command: ${error.message}`);
    throw error;
  }
}

/** Options that make Redis trouble cost a request milliseconds, never a hang or a double count. */
export function resilientOptions(): RedisOptions {
  return {
    // Fail at once while disconnected instead of queueing commands for later.
    enableOfflineQueue: false,
    commandTimeout: env.REDIS_COMMAND_TIMEOUT_MS,
    // Replaying an in-flight HINCRBY after a reconnect would count it twice.
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    connectTimeout: 1000,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2000),
  };
}

async function connect(): Promise<RedisHandle> {
  if (env.REDIS_URL) return { client: await openReal(env.REDIS_URL), backend: 'redis' };
  if (await redisAnswers(LOCAL_REDIS)) return { client: await openReal(LOCAL_REDIS), backend: 'redis' };
  console.warn('[cachelab] no Redis at 127.0.0.1:6379 and REDIS_URL unset: using the embedded in-memory store');
  const { default: RedisMock } = await import('ioredis-mock');
  return { client: new RedisMock() as unknown as Redis, backend: 'embedded' };
}

async function openReal(url: string): Promise<Redis> {
  const client = new Redis(url, resilientOptions());
  client.on('error', (error: Error) => logRedisProblem(`Redis connection problem: ${error.message}`));
  // Give the first requests a connected client, but never block start-up on a Redis that is down.
  await onceReady(client, 1500);
  return client;
}

function onceReady(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    client.once('ready', done);
  });
}

let lastLoggedAt = 0;
/**
 * ioredis emits an error per reconnect attempt; one line every 10 s is enough. Only the
 * message is logged, never the error object or the URL: either may carry the password.
 */
function logRedisProblem(line: string) {
  const now = Date.now();
  if (now - lastLoggedAt < 10_000) return;
  lastLoggedAt = now;
  console.warn(`[cachelab] ${line}`);
}
