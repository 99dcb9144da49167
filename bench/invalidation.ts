import { CacheEngine, invalidate, type CachedOptions } from '../lib/cache';
import { cacheKey } from '../lib/cache/keys';
import { NearCache } from '../lib/cache/near/near-cache';
import { boundCommands } from '../lib/core/command-deadline';
import { resilientClient } from '../lib/core/redis';
import { waitFor } from '../lib/testing/redis-server';
import { bentocacheWithMemoryTier } from './hit-contestants';
import type { BenchOptions } from './options';
import { summarise } from './stats';

export interface InvalidationResult {
  rounds: number;
  /** Ours: instance A deletes, until instance B's L1 has dropped the key (A's round trip included). */
  p50Ms: number;
  p99Ms: number;
  /** bentocache (memory + Redis + its Redis bus): A deletes, until B's bus delivered it (B drops it then). */
  peerP50Ms: number;
  peerP99Ms: number;
}

const KEY = 'bench:near-invalidation';
const VALUE = { username_extended: 'bench-near_123' };
type Value = typeof VALUE;

/**
 * Section 2b: how long another instance's delete takes to reach this instance's L1. Two app
 * instances in one process, each on its own connections: A is the process' engine, B a
 * second engine with its own Redis client and near cache. Each round B first holds the key
 * in L1, then A deletes it; the clock runs from A's call to B's L1 dropping the key.
 */
export async function measureInvalidation(options: BenchOptions, prefix: string): Promise<InvalidationResult> {
  const rounds = options.quick ? 50 : 500;
  const ours = await oursInvalidation(options.redisUrl, rounds);
  const peer = await bentocacheInvalidation(options.redisUrl, prefix, rounds);
  return { rounds, p50Ms: ours.p50, p99Ms: ours.p99, peerP50Ms: peer.p50, peerP99Ms: peer.p99 };
}

async function oursInvalidation(redisUrl: string, rounds: number) {
  const client = resilientClient(redisUrl);
  const near = new NearCache({ maxEntries: 100, maxBytes: 1_000_000, connect: (role) => boundCommands(client.duplicate({ connectionName: `bench-near-${role}`, autoResubscribe: false }), 300) });
  const instanceB = new CacheEngine((work) => work(client), async () => near);
  const call: CachedOptions<Value> = {
    scenario: 'bench-near',
    key: KEY,
    expiry: { ttlMs: 600_000 },
    compute: async () => VALUE,
    isValue: (value): value is Value => typeof (value as Value | null)?.username_extended === 'string',
    strategy: 'near',
    coalesce: false,
  };
  const fullKey = cacheKey(KEY);
  try {
    await waitFor(() => near.state === 'ready', 5000, 10);
    const samples: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      await holdInL1(() => instanceB.cached(call).then((result) => result.status === 'near-hit'));
      const dropped = new Promise<number>((resolve) => {
        const stop = near.onInvalidate((key) => {
          if (key !== fullKey && key !== null) return;
          stop();
          resolve(performance.now());
        });
      });
      const started = performance.now();
      await invalidate(KEY);
      samples.push((await within(dropped)) - started);
    }
    return summarise(samples);
  } finally {
    await near.close();
    client.disconnect();
  }
}

async function bentocacheInvalidation(redisUrl: string, prefix: string, rounds: number) {
  const [a, b] = [bentocacheWithMemoryTier(redisUrl, `${prefix}bento-inval`), bentocacheWithMemoryTier(redisUrl, `${prefix}bento-inval`)];
  let delivered: ((at: number) => void) | null = null;
  b.on('bus:message:received', () => delivered?.(performance.now()));
  try {
    const samples: number[] = [];
    // The bus subscribes asynchronously: the first messages may be published before it listens.
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (let round = 0; round < rounds; round += 1) {
      await b.getOrSet({ key: KEY, factory: async () => VALUE, ttl: 600_000 });
      const dropped = new Promise<number>((resolve) => (delivered = resolve));
      const started = performance.now();
      await a.delete({ key: KEY });
      samples.push((await within(dropped)) - started);
    }
    return summarise(samples);
  } finally {
    await a.disconnectAll();
    await b.disconnectAll();
  }
}

/** Repeats `attempt` until it reports the key served from L1 (the first reads fill Redis, then L1). */
async function holdInL1(attempt: () => Promise<boolean>) {
  for (let tries = 0; tries < 10; tries += 1) if (await attempt()) return;
  throw new Error('the near cache never held the key: tracking is not working');
}

/** An invalidation that never arrives is a broken setup, not a slow one: fail the section loudly. */
function within<T>(delivery: Promise<T>, ms = 2000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no invalidation within ${ms} ms`)), ms)));
  return Promise.race([delivery, late]).finally(() => clearTimeout(timer));
}
