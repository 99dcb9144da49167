import 'server-only';
import { nearCacheSummary, type NearSummary } from '../cache/near/process';
import { getRedis, redisBreaker, type Backend, type Topology } from '../core/redis';
import { currentProblems, type ProblemCode } from '../core/redis-problems';

export interface HealthProblem {
  code: ProblemCode;
  /** What is wrong, in plain words. */
  summary: string;
  /** What to do about it. */
  advice: string;
  /** What Redis said last. */
  detail: string;
  count: number;
  lastAt: number;
}

export interface Health {
  status: 'ok' | 'degraded';
  backend: Backend;
  redis: { connected: boolean; version: string | null; circuit: 'closed' | 'open' | 'half-open'; topology: Topology };
  /** Cache commands failing although Redis may answer (within HEALTH_ERROR_WINDOW_SECONDS), and configurations that cannot work. */
  problems: HealthProblem[];
  /** The near cache of this instance (strategy `near`): its L1 figures, or why it cannot run here. */
  nearCache: NearSummary;
}

const EXPLAINED: Record<ProblemCode, { summary: string; advice: string }> = {
  cluster_url: {
    summary: 'REDIS_URL points at one node of a Redis Cluster, so every cache command is refused (CROSSSLOT) and every request is computed',
    advice: 'Set REDIS_CLUSTER_NODES=host:port,host:port,… (the cluster’s nodes) instead of REDIS_URL and restart.',
  },
  crossslot: {
    summary: 'Redis refuses cache commands whose keys span hash slots (CROSSSLOT): requests are computed without the cache',
    advice: 'This is a Redis Cluster: give its nodes in REDIS_CLUSTER_NODES instead of REDIS_URL and restart.',
  },
  out_of_memory: {
    summary: 'Redis is out of memory (OOM) and refuses writes: new values are not cached',
    advice: 'Raise maxmemory or choose an eviction policy such as allkeys-lru.',
  },
  read_only: {
    summary: 'Redis answers READONLY: the app is writing to a replica, so nothing is cached',
    advice: 'Point REDIS_URL at the primary (after a failover, at the new one).',
  },
  script: {
    summary: 'Redis cannot load or run Cache Lab’s Lua scripts: requests are computed without the cache',
    advice: 'Check that the server allows EVAL/EVALSHA (scripting enabled, ACL permits it).',
  },
  refused: {
    summary: 'Redis refuses cache commands: requests are computed without the cache',
    advice: 'See the server log of Cache Lab for what Redis answered.',
  },
  metrics_flush: {
    summary: 'Dashboard figures cannot be written to Redis: the counts wait in memory and the dashboard lags behind',
    advice: 'Check that Redis is reachable and accepts writes; the counts are written once it does.',
  },
  next_invalidation: {
    summary: 'A tag invalidation of Next.js’s cache (updateTag, revalidateTag, revalidatePath) could not be recorded in Redis: that action failed, and every instance still serves the entries it meant to invalidate',
    advice: 'Check that Redis is reachable and accepts writes, then invalidate again (the /next-cache page or the action that failed).',
  },
};

/** What the app is talking to, whether it answers, and whether the cache actually works; never the URL (it may hold a password). */
export async function getHealth(): Promise<Health> {
  const { client, backend, topology } = await getRedis();
  const reported = await serverVersion(() => client.info('server'));
  const version = backend === 'embedded' && reported !== null ? 'embedded (ioredis-mock)' : reported;
  const connected = version !== null;
  const problems = currentProblems().map(({ code, message, count, lastAt }) => ({ code, ...EXPLAINED[code], detail: message, count, lastAt }));
  return {
    status: connected && problems.length === 0 ? 'ok' : 'degraded',
    backend,
    redis: { connected, version, circuit: redisBreaker().state, topology },
    problems,
    nearCache: await nearCacheSummary(),
  };
}

async function serverVersion(readInfo: () => Promise<string>): Promise<string | null> {
  try {
    const info = await readInfo();
    return /redis_version:([^\r\n]+)/.exec(info)?.[1] ?? 'embedded';
  } catch {
    return null;
  }
}
