import 'server-only';
import { tracedRun } from '../../cache/tracing';
import type Redis from 'ioredis';
import type { CacheEngine } from '../../cache';
import { env } from '../../core/env';
import { parseInfo } from '../../core/redis-info';
import { RunLifecycle } from '../../core/run-lifecycle';
import { rankSequence } from '../../workload/sampler';
import { zipfProbabilities } from '../../workload/zipf';
import type { LabActivity } from './activity';
import { LabError } from './errors';
import type { LabRedis } from './lab-redis';
import { PolicyProgress } from './policy-progress';
import { cheHitRatio, optimalHitRatio } from './theory';
import type { EvictionConfig, EvictionPolicy, EvictionSnapshot } from './types';

/** Metric label of the lab's requests (source `sim`): the dashboard's scenario tables do not list it. */
export const LAB_SCENARIO = 'eviction-lab';
const SAMPLE_EVERY_MS = 250;
/** Entries written (and then deleted) to measure what one entry of the run costs. */
const CALIBRATION_ENTRIES = 200;
/** A policy that falls behind its rate keeps sending until this many times its duration has passed. */
const CATCH_UP_FACTOR = 4;
/** Long enough never to expire during a run; volatile-* policies need a TTL on every entry. */
const ENTRY_TTL_MS = 3_600_000;

/**
 * One eviction run: for each chosen policy in turn, flush the lab Redis, set the policy and
 * maxmemory-samples, convert the capacity in entries into maxmemory (measured entry size ×
 * capacity + the empty server's used_memory), then send the same seeded Zipf sequence through
 * the engine and sample the server as it fills up and evicts.
 */
export class EvictionRun implements LabActivity {
  readonly kind = 'eviction' as const;
  private readonly life = new RunLifecycle();
  readonly id = this.life.id;
  readonly finished: Promise<void>;
  private readonly progress: PolicyProgress[];
  private readonly value: string;

  constructor(
    readonly config: EvictionConfig,
    private readonly lab: LabRedis,
  ) {
    const probabilities = zipfProbabilities(config.inputs, config.s);
    const theory = { che: cheHitRatio(probabilities, config.capacity).hitRatio, optimal: optimalHitRatio(probabilities, config.capacity) };
    const requests = config.rps * config.durationSeconds;
    const warmup = Math.floor(requests * config.warmupShare);
    this.progress = config.policies.flatMap((policy) => config.samples.map((samples) => new PolicyProgress(policy, samples, requests, warmup, theory)));
    this.value = 'x'.repeat(config.valueBytes);
    this.finished = tracedRun('eviction-lab.run', { id: this.id, ...config }, () => this.run());
  }

  get running(): boolean {
    return this.life.running;
  }

  cancel(): void {
    this.life.abort.abort();
  }

  snapshot(): EvictionSnapshot {
    return {
      ...this.life.summary(),
      config: this.config,
      results: this.progress.map((policy) => policy.snapshot()),
    };
  }

  private async run(): Promise<void> {
    await this.life.run(
      async () => {
        const ranks = rankSequence({ kind: 'zipf', inputs: this.config.inputs, s: this.config.s }, this.config.rps * this.config.durationSeconds, this.config.seed);
        for (const policy of this.progress) {
          if (this.life.cancelled) break;
          await this.runPolicy(policy, ranks);
        }
      },
      () => this.progress.filter((policy) => policy.status === 'running').forEach((policy) => policy.end('failed')),
    );
    this.progress.filter((policy) => policy.status === 'waiting').forEach((policy) => policy.end('cancelled'));
    // Leave the lab Redis without a memory limit, so the failure lab finds it writable.
    await this.lab.admin.config('SET', 'maxmemory', '0').catch(() => undefined);
  }

  private async runPolicy(progress: PolicyProgress, ranks: readonly number[]): Promise<void> {
    const { admin } = this.lab;
    const { engine } = await this.lab.readyEngine('direct');
    await prepare(admin, progress.policy, progress.samples);
    const entry = await this.measureEntry(engine, admin);
    progress.memoryUsageBytes = entry.memoryUsage;
    progress.entryBytes = entry.memoryUsage + entry.overhead;
    progress.baselineBytes = await usedMemory(admin);
    progress.maxmemory = Math.ceil(progress.baselineBytes + this.config.capacity * progress.entryBytes);
    if (progress.maxmemory > env.LAB_MAX_MEMORY_MB * 1_048_576) {
      throw new LabError(400, 'too_much_memory', `The capacity needs ${Math.ceil(progress.maxmemory / 1_048_576)} MB; the lab allows ${env.LAB_MAX_MEMORY_MB} MB (LAB_MAX_MEMORY_MB).`);
    }
    await admin.config('SET', 'maxmemory', String(progress.maxmemory));

    progress.start();
    const sampler = this.sample(progress, admin);
    try {
      await this.send(progress, engine, ranks);
    } finally {
      await sampler.stop();
    }
    const stats = parseInfo(await admin.info('stats'));
    progress.evicted = Number(stats.get('evicted_keys') ?? 0);
    progress.oomRefusals = oomCount(parseInfo(await admin.info('errorstats')));
    progress.end(this.life.cancelled ? 'cancelled' : 'done');
  }

  /** The users send the sequence at the configured rate; each answer is recorded under its position. */
  private async send(progress: PolicyProgress, engine: CacheEngine, ranks: readonly number[]): Promise<void> {
    const started = performance.now();
    const interval = 1000 / this.config.rps;
    const lastStart = started + this.config.durationSeconds * 1000 * CATCH_UP_FACTOR;
    let next = 0;
    const user = async () => {
      for (let position = next++; position < ranks.length; position = next++) {
        const wait = started + position * interval - performance.now();
        if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
        if (this.life.cancelled || performance.now() > lastStart) return;
        progress.sent += 1;
        try {
          progress.record(position, await this.request(engine, 'run', ranks[position] ?? 0));
        } catch {
          progress.failed += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: this.config.users }, user));
  }

  private request(engine: CacheEngine, kind: 'run' | 'cal', rank: number) {
    const value = this.value;
    return engine.cached({
      scenario: LAB_SCENARIO,
      key: entryKey(kind, rank),
      expiry: { ttlMs: ENTRY_TTL_MS },
      compute: () => Promise.resolve(value),
      isValue: (candidate): candidate is string => typeof candidate === 'string',
      source: 'sim',
      strategy: 'cache-aside',
      coalesce: false,
    });
  }

  /**
   * What one entry of the run costs: the mean MEMORY USAGE of entries written exactly as the run
   * writes them (same key length, same envelope), plus each key's share of the keyspace's hash
   * tables (main and expires: MEMORY USAGE leaves out the TTL's entry and the table slots), as
   * MEMORY STATS reports them. The entries are deleted again before the baseline is read.
   */
  private async measureEntry(engine: CacheEngine, admin: Redis): Promise<{ memoryUsage: number; overhead: number }> {
    const count = Math.min(CALIBRATION_ENTRIES, this.config.capacity);
    const ranks = Array.from({ length: count }, (_, index) => index);
    const keys = (await Promise.all(ranks.map((rank) => this.request(engine, 'cal', rank)))).map((result) => result.key);
    const tables = await hashTableBytes(admin);
    const pipeline = admin.pipeline();
    for (const key of keys) pipeline.memory('USAGE', key, 'SAMPLES', 0);
    const sizes = ((await pipeline.exec()) ?? []).map(([error, size]) => (error ? 0 : Number(size)));
    await admin.del(...keys);
    const measured = sizes.filter((size) => size > 0);
    if (measured.length === 0) throw new LabError(503, 'lab_redis_unavailable', 'The lab Redis did not keep the calibration entries; is it answering?');
    const total = measured.reduce((sum, size) => sum + size, 0);
    return { memoryUsage: total / measured.length, overhead: tables / measured.length };
  }

  /** Samples used_memory, keys held and evictions every SAMPLE_EVERY_MS while the policy runs. */
  private sample(progress: PolicyProgress, admin: Redis): { stop: () => Promise<void> } {
    let evictedBefore = 0;
    let last = performance.now();
    let pending: Promise<void> = Promise.resolve();
    const take = async () => {
      const [memory, stats, keys] = await Promise.all([admin.info('memory'), admin.info('stats'), admin.dbsize()]);
      const now = performance.now();
      const evicted = Number(parseInfo(stats).get('evicted_keys') ?? 0);
      // The last sample may come right after the one before: a rate over a few ms would only be noise.
      const previous = progress.series.at(-1);
      const rate = now - last < SAMPLE_EVERY_MS / 2 && previous ? previous.evictedPerSecond : ((evicted - evictedBefore) * 1000) / Math.max(1, now - last);
      progress.series.push({
        k: progress.answeredCount,
        elapsedMs: progress.elapsedMs,
        usedMemory: Number(parseInfo(memory).get('used_memory') ?? 0),
        keysHeld: keys,
        evictedPerSecond: rate,
      });
      evictedBefore = evicted;
      last = now;
    };
    const timer = setInterval(() => {
      pending = pending.then(take).catch(() => undefined);
    }, SAMPLE_EVERY_MS);
    return {
      stop: async () => {
        clearInterval(timer);
        await pending;
        await take().catch(() => undefined);
      },
    };
  }
}

/** Run and calibration keys have the same length, so their entries cost the same. */
function entryKey(kind: 'run' | 'cal', rank: number): string {
  return `lab:${kind}:${String(rank).padStart(7, '0')}`;
}

/** An empty lab Redis with the policy under test and no memory limit yet (the calibration must fit). */
async function prepare(admin: Redis, policy: EvictionPolicy, samples: number): Promise<void> {
  await admin.config('SET', 'maxmemory', '0');
  await admin.flushall('SYNC');
  await admin.config('SET', 'maxmemory-policy', policy);
  await admin.config('SET', 'maxmemory-samples', String(samples));
  await admin.config('RESETSTAT');
}

async function usedMemory(admin: Redis): Promise<number> {
  return Number(parseInfo(await admin.info('memory')).get('used_memory') ?? 0);
}

/** Bytes of DB 0's hash tables (keys and expiries), from MEMORY STATS. */
async function hashTableBytes(admin: Redis): Promise<number> {
  const stats = pairs((await admin.call('MEMORY', 'STATS')) as unknown[]);
  const db = stats.get('db.0');
  if (!Array.isArray(db)) return 0;
  const tables = pairs(db);
  return Number(tables.get('overhead.hashtable.main') ?? 0) + Number(tables.get('overhead.hashtable.expires') ?? 0);
}

/** A flat [name, value, name, value…] reply as a map. */
function pairs(reply: unknown[]): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (let index = 0; index + 1 < reply.length; index += 2) map.set(String(reply[index]), reply[index + 1]);
  return map;
}

/** `errorstat_OOM:count=12`: the OOM replies Redis sent since the last RESETSTAT. */
function oomCount(errorstats: Map<string, string>): number {
  const match = /count=(\d+)/.exec(errorstats.get('errorstat_OOM') ?? '');
  return match ? Number(match[1]) : 0;
}
