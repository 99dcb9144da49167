import { createKeyv } from '@keyv/redis';
import { BentoCache, bentostore } from 'bentocache';
import { memoryDriver } from 'bentocache/drivers/memory';
import { redisBusDriver, redisDriver } from 'bentocache/drivers/redis';
import { createCache } from 'cache-manager';
import Redis from 'ioredis';
import { cacheKey } from '../lib/cache/keys';
import { runScenario } from '../lib/scenarios/scenario';
import { usernameScenario, type UsernameValue } from '../lib/scenarios/username';
import type { Contestant } from './interleave';
import { packageVersion } from './machine';

/** `ours-near` / `peer-near`: hits answered from an in-process L1 (ours: strategy `near`). */
export type Role = 'limit' | 'ours' | 'peer' | 'diagnostic' | 'ours-near' | 'peer-near';

export interface HitContestant extends Contestant {
  role: Role;
  /** What one run does, in a few words, for the report. */
  what: string;
  /** Runs that were not answered from the cache (a broken setup if above 0). */
  misses: () => number;
  close: () => Promise<void>;
}

const TTL_MS = 3_600_000;
const USERNAME = 'bench-hit';

/**
 * The same value, in the same Redis, read by every contestant. Each is primed (its
 * first call stores the value) before the clock starts, so every timed run is a hit.
 */
export async function hitContestants(redisUrl: string, prefix: string): Promise<HitContestant[]> {
  const value: UsernameValue = { username_extended: `${USERNAME}_123` };
  const contestants = [
    await engineHit(),
    await engineNearHit(),
    bareGet(redisUrl),
    scriptedGet(redisUrl),
    bentocacheHit(redisUrl, prefix, value),
    cacheManagerHit(redisUrl, prefix, value),
    bentocacheNearHit(redisUrl, prefix, value),
    await naiveTutorialHit(redisUrl, prefix, value),
  ];
  for (const contestant of contestants) await contestant.run();
  return contestants;
}

/** The product's own path: scenario → engine → one EVALSHA → batched metrics. */
export async function engineHit(): Promise<HitContestant> {
  let misses = 0;
  await runScenario(usernameScenario, { username: USERNAME });
  return {
    name: 'Cache Lab engine hit',
    role: 'ours',
    what: 'runScenario → cached(): one GET, structural envelope check, metrics batched in process',
    run: async () => {
      if ((await runScenario(usernameScenario, { username: USERNAME })).status !== 'hit') misses += 1;
    },
    misses: () => misses,
    close: async () => {},
  };
}

/** Strategy `near`: the same scenario answered from this process' L1, still counted like every request. */
async function engineNearHit(): Promise<HitContestant> {
  let misses = 0;
  const near = { strategy: 'near' } as const;
  // The first `near` request sets the near cache up (its connections, tracking); until it is ready requests read Redis.
  const deadline = Date.now() + 5000;
  while ((await runScenario(usernameScenario, { username: USERNAME }, near)).status !== 'near-hit') {
    if (Date.now() > deadline) throw new Error('strategy near never answered from L1: is CLIENT TRACKING available?');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return {
    name: 'Cache Lab engine near hit',
    role: 'ours-near',
    what: 'runScenario → cached(), strategy near: the L1 entry (kept coherent by CLIENT TRACKING), metrics batched in process',
    run: async () => {
      if ((await runScenario(usernameScenario, { username: USERNAME }, near)).status !== 'near-hit') misses += 1;
    },
    misses: () => misses,
    close: async () => {},
  };
}

/** The physical limit of a hit: one round trip for the very bytes the engine stored. */
export function bareGet(redisUrl: string): HitContestant {
  const identity = { name: 'bare GET (the limit)', role: 'limit', what: 'ioredis GET of the engine’s stored value, nothing else' } as const;
  return storedBytesReader(new Redis(redisUrl), identity, (client, key) => client.get(key));
}

/**
 * A GET inside a Lua script: what choosing a script costs before it does anything else,
 * the floor of any hit path that must stay one atomic EVALSHA.
 */
function scriptedGet(redisUrl: string): HitContestant {
  const client = new Redis(redisUrl);
  client.defineCommand('benchScriptedGet', { numberOfKeys: 1, lua: "return redis.call('GET', KEYS[1])" });
  const identity = { name: 'GET inside a Lua script', role: 'diagnostic', what: 'EVALSHA of a script that only GETs the same key' } as const;
  return storedBytesReader(client, identity, (scripted, key) => (scripted as unknown as ScriptedGet).benchScriptedGet(key));
}

type ScriptedGet = { benchScriptedGet: (key: string) => Promise<string | null> };

/** One command on its own plain client, reading the engine's stored entry. */
function storedBytesReader(client: Redis, identity: Pick<HitContestant, 'name' | 'role' | 'what'>, read: (client: Redis, key: string) => Promise<string | null>): HitContestant {
  const key = cacheKey(usernameScenario.keyOf({ username: USERNAME }));
  let misses = 0;
  return {
    ...identity,
    run: async () => {
      if ((await read(client, key)) === null) misses += 1;
    },
    misses: () => misses,
    close: async () => void client.disconnect(),
  };
}

/** bentocache with a Redis L2 only: no memory tier, so it too pays a round trip per hit. */
function bentocacheHit(redisUrl: string, prefix: string, value: UsernameValue): HitContestant {
  const bento = new BentoCache({
    default: 'redis',
    prefix: `${prefix}bento`,
    stores: { redis: bentostore().useL2Layer(redisDriver({ connection: new Redis(redisUrl) })) },
  });
  const { factory, misses } = countedFactory(value);
  return {
    name: 'bentocache getOrSet',
    role: 'peer',
    what: `bentocache ${packageVersion('bentocache')}, Redis L2 only (no L1), getOrSet hit`,
    run: () => bento.getOrSet({ key: USERNAME, factory, ttl: TTL_MS }),
    misses,
    close: () => bento.disconnectAll(),
  };
}

/** bentocache with its memory tier in front of Redis and its Redis bus: the peer of strategy `near`. */
function bentocacheNearHit(redisUrl: string, prefix: string, value: UsernameValue): HitContestant {
  const bento = bentocacheWithMemoryTier(redisUrl, `${prefix}bento-near`);
  const { factory, misses } = countedFactory(value);
  return {
    name: 'bentocache getOrSet, memory tier',
    role: 'peer-near',
    what: `bentocache ${packageVersion('bentocache')}, memory L1 + Redis L2 + Redis bus, getOrSet hit from L1`,
    run: () => bento.getOrSet({ key: USERNAME, factory, ttl: TTL_MS }),
    misses,
    close: () => bento.disconnectAll(),
  };
}

/** One bentocache instance as its docs set up a multi-instance app: memory L1, Redis L2, Redis bus between instances. */
export function bentocacheWithMemoryTier(redisUrl: string, prefix: string): BentoCache<{ near: ReturnType<typeof bentostore> }> {
  return new BentoCache({
    default: 'near',
    prefix,
    stores: {
      near: bentostore()
        .useL1Layer(memoryDriver({ maxItems: 10_000 }))
        .useL2Layer(redisDriver({ connection: new Redis(redisUrl) }))
        .useBus(redisBusDriver({ connection: new Redis(redisUrl) })),
    },
  });
}

/** cache-manager 7 over Keyv and @keyv/redis (node-redis client), `wrap` hit. */
function cacheManagerHit(redisUrl: string, prefix: string, value: UsernameValue): HitContestant {
  const cache = createCache({ stores: [createKeyv(redisUrl, { namespace: `${prefix}cm` })] });
  const { factory, misses } = countedFactory(value);
  return {
    name: 'cache-manager wrap',
    role: 'peer',
    what: `cache-manager ${packageVersion('cache-manager')} + @keyv/redis ${packageVersion('@keyv/redis')}, wrap hit`,
    run: () => cache.wrap(USERNAME, factory, TTL_MS),
    misses,
    close: async () => void (await cache.disconnect()),
  };
}

/** A peer's factory that counts its calls; the first one (priming) is the only expected miss. */
function countedFactory(value: UsernameValue) {
  let computations = 0;
  const factory = async () => {
    computations += 1;
    return value;
  };
  return { factory, misses: () => Math.max(0, computations - 1) };
}

/**
 * The original tutorial's approach: GET, JSON.parse, then the metrics as separate writes
 * (hit count, latency sum), each its own round trip.
 */
async function naiveTutorialHit(redisUrl: string, prefix: string, value: UsernameValue): Promise<HitContestant> {
  const client = new Redis(redisUrl);
  const key = `${prefix}naive:expensive_function:${USERNAME}`;
  const stats = `${prefix}naive:stats`;
  await client.set(key, JSON.stringify(value), 'PX', TTL_MS);
  let misses = 0;
  return {
    name: 'naive tutorial hit',
    role: 'peer',
    what: 'GET, JSON.parse, then HINCRBY hits and HINCRBY latency µs as separate round trips',
    run: async () => {
      const started = performance.now();
      const raw = await client.get(key);
      if (raw === null || typeof (JSON.parse(raw) as UsernameValue).username_extended !== 'string') misses += 1;
      await client.hincrby(stats, 'hits', 1);
      await client.hincrby(stats, 'hit_us', Math.round((performance.now() - started) * 1000));
    },
    misses: () => misses,
    close: async () => void client.disconnect(),
  };
}
