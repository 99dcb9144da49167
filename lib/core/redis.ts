import 'server-only';
import Redis, { Cluster, type ClusterNode, type RedisOptions } from 'ioredis';
import { CircuitBreaker, RedisUnavailableError } from './circuit';
import { boundCommands } from './command-deadline';
import { env } from './env';
import { problemCodeOf, recordProblem } from './redis-problems';
import { redisAnswers } from './redis-probe';

export type Backend = 'redis' | 'embedded';
/** A standalone server (or the embedded store), or a Redis Cluster through ioredis' Cluster client. */
export type RedisClient = Redis | Cluster;
export type Topology = 'standalone' | 'cluster';

export interface RedisHandle {
  client: RedisClient;
  backend: Backend;
  topology: Topology;
}

export { RedisUnavailableError };
const HANDLE = Symbol.for('cachelab.redis.handle');
const BREAKER = Symbol.for('cachelab.redis.breaker');
const CONNECTED = Symbol.for('cachelab.redis.connected');
type Anchored = typeof globalThis & { [HANDLE]?: Promise<RedisHandle>; [CONNECTED]?: RedisHandle; [BREAKER]?: CircuitBreaker };

/**
 * One client per process. Anchored on globalThis because Next.js evaluates
 * modules in several graphs (and again on hot reload); each would otherwise open its own.
 */
export function getRedis(): Promise<RedisHandle> {
  const anchor = globalThis as Anchored;
  anchor[HANDLE] ??= connect().then((handle) => (anchor[CONNECTED] = handle));
  return anchor[HANDLE];
}

/** The process-wide circuit breaker in front of Redis. */
export function redisBreaker(): CircuitBreaker {
  const anchor = globalThis as Anchored;
  anchor[BREAKER] ??= new CircuitBreaker({ threshold: env.REDIS_BREAKER_THRESHOLD, cooldownMs: env.REDIS_BREAKER_COOLDOWN_MS, onRefused: noteRefusal });
  return anchor[BREAKER];
}

/** Refusals (CROSSSLOT, OOM, READONLY…) would otherwise go unnoticed behind the fail-open path. */
function noteRefusal(error: RedisUnavailableError) {
  recordProblem(problemCodeOf(error.message), error.message);
  logRedisProblem(`Redis refused a command: ${error.message}`);
}

/**
 * Runs Redis work behind the circuit breaker. Connection trouble surfaces as
 * `RedisUnavailableError` so callers can fail open (compute without the cache).
 * Once connected it adds no promise of its own: the hit path runs through here.
 */
export function withRedis<T>(work: (client: RedisClient) => Promise<T>): Promise<T> {
  const connected = (globalThis as Anchored)[CONNECTED];
  if (!connected) return getRedis().then(({ client }) => redisBreaker().run(work, client));
  return redisBreaker().run(work, connected.client);
}

/** The servers holding the data: every master of a cluster, else the one server (key browser, INFO, SCAN). */
export function masterNodes(client: RedisClient): Redis[] {
  return client instanceof Cluster ? client.nodes('master') : [client];
}

/** UNLINK many keys: in one command on one server; key by key in a cluster, where they span slots. */
export async function unlinkKeys(client: RedisClient, keys: readonly string[]): Promise<number> {
  if (keys.length === 0) return 0;
  if (!(client instanceof Cluster)) return client.unlink(...keys);
  const deleted = await Promise.all(keys.map((key) => client.unlink(key)));
  return deleted.reduce((sum, count) => sum + count, 0);
}

/**
 * Options that make Redis trouble cost a request milliseconds, never a hang or a double count.
 * No `commandTimeout`: a timer per command is too dear on the hit path; `resilientClient` bounds
 * every command with `boundCommands` instead.
 */
export function resilientOptions(): RedisOptions {
  return {
    // Fail at once while disconnected instead of queueing commands for later.
    enableOfflineQueue: false,
    // Replaying an in-flight HINCRBY after a reconnect would count it twice.
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    connectTimeout: 1000,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2000),
  };
}

/** A client with `resilientOptions` whose every command waits at most `timeoutMs` (and a half) for its reply. */
export function resilientClient(url: string, options: RedisOptions = {}, timeoutMs = env.REDIS_COMMAND_TIMEOUT_MS): Redis {
  return boundCommands(new Redis(url, { ...resilientOptions(), ...options }), timeoutMs);
}

async function connect(): Promise<RedisHandle> {
  if (env.REDIS_CLUSTER_NODES) return { client: await openCluster(env.REDIS_CLUSTER_NODES), backend: 'redis', topology: 'cluster' };
  if (env.REDIS_URL) return { client: await openReal(env.REDIS_URL), backend: 'redis', topology: 'standalone' };
  if (await redisAnswers(env.REDIS_PROBE_URL)) return { client: await openReal(env.REDIS_PROBE_URL), backend: 'redis', topology: 'standalone' };
  console.warn('[cachelab] no Redis answers the start-up probe and REDIS_URL is unset: using the embedded in-memory store');
  const { default: RedisMock } = await import('ioredis-mock');
  return { client: new RedisMock() as unknown as Redis, backend: 'embedded', topology: 'standalone' };
}

async function openReal(url: string): Promise<Redis> {
  const client = resilientClient(url);
  client.on('error', (error: Error) => logRedisProblem(`Redis connection problem: ${error.message}`));
  // Give the first requests a connected client, but never block start-up on a Redis that is down.
  await onceReady(client, 1500);
  void noticeClusterNode(client);
  return client;
}

/**
 * A cluster node reached as a plain server answers every multi-key script with CROSSSLOT (or
 * MOVED): the cache can never work. Say so in /api/health instead of bypassing quietly.
 */
async function noticeClusterNode(client: Redis): Promise<void> {
  try {
    if (/cluster_enabled:1/.test(await client.info('cluster'))) {
      recordProblem('cluster_url', 'REDIS_URL points at a Redis Cluster node: set REDIS_CLUSTER_NODES to its nodes instead', true);
    }
  } catch {
    // Not reachable yet: the connection problem is reported on its own.
  }
}

/**
 * The nodes of REDIS_CLUSTER_NODES as seeds; a `redis[s]://user:password@host:port` entry's
 * credentials and TLS apply to every node (the cluster tells us the others).
 */
export function clusterSeeds(spec: string): { nodes: ClusterNode[]; redisOptions: RedisOptions } {
  const urls = spec.split(',').map((entry) => new URL(entry.includes('://') ? entry : `redis://${entry}`));
  const withAuth = urls.find((url) => url.password !== '' || url.username !== '');
  const tls = urls.some((url) => url.protocol === 'rediss:');
  return {
    nodes: urls.map((url) => ({ host: url.hostname, port: Number(url.port || 6379) })),
    redisOptions: {
      ...(withAuth ? { username: decodeURIComponent(withAuth.username) || undefined, password: decodeURIComponent(withAuth.password) } : {}),
      ...(tls ? { tls: {} } : {}),
    },
  };
}

async function openCluster(spec: string): Promise<Cluster> {
  const { nodes, redisOptions } = clusterSeeds(spec);
  const client = boundCommands(new Cluster(nodes, {
    redisOptions: { ...resilientOptions(), ...redisOptions },
    enableOfflineQueue: false,
    // A master down: ask the cluster for the new map soon and often, so the app follows a failover by itself.
    clusterRetryStrategy: (attempt) => Math.min(100 * 2 ** attempt, 2000),
    retryDelayOnFailover: 100,
    retryDelayOnClusterDown: 100,
    retryDelayOnTryAgain: 100,
    maxRedirections: 4,
    slotsRefreshTimeout: 1000,
    slotsRefreshInterval: 2000,
  }), env.REDIS_COMMAND_TIMEOUT_MS);
  client.on('error', (error: Error) => logRedisProblem(`Redis Cluster problem: ${error.message}`));
  client.on('node error', (error: Error) => logRedisProblem(`Redis Cluster node problem: ${error.message}`));
  await onceReady(client, 3000);
  return client;
}

function onceReady(client: RedisClient, timeoutMs: number): Promise<void> {
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
