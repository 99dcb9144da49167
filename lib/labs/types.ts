/** Shapes of the labs' API: shared by the route handlers, lib/labs and the lab pages. */
import type { CacheStatus } from '../cache/types';

export const EVICTION_POLICIES = ['allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'volatile-lru', 'volatile-ttl', 'noeviction'] as const;
export type EvictionPolicy = (typeof EVICTION_POLICIES)[number];
export const SAMPLE_SIZES = [5, 10] as const;

export type RunStatus = 'running' | 'done' | 'cancelled' | 'failed';

export interface EvictionConfig {
  policies: EvictionPolicy[];
  /** maxmemory-samples for every policy of the run. */
  samples: (typeof SAMPLE_SIZES)[number];
  /** Capacity in entries, converted to maxmemory. */
  capacity: number;
  /** Distinct inputs N. */
  inputs: number;
  /** Zipf exponent. */
  s: number;
  /** Requests per second per policy, and for how long. */
  rps: number;
  durationSeconds: number;
  /** Requests in flight at most. */
  users: number;
  /** Size of each cached value, in bytes. */
  valueBytes: number;
  /** Share of each policy's requests (its first ones) left out of the steady-state figures. */
  warmupShare: number;
  seed: number;
}

/** One moment of a policy's run, sampled from the lab Redis every few hundred ms. */
export interface EvictionSample {
  /** Requests answered so far. */
  k: number;
  elapsedMs: number;
  usedMemory: number;
  keysHeld: number;
  evictedPerSecond: number;
}

/** Hit ratio of one slice of the request sequence (by position, so every policy's slices line up). */
export interface HitRatioSlice {
  /** Position of the slice's last request. */
  k: number;
  hitRatio: number;
}

export interface PolicyResult {
  policy: EvictionPolicy;
  samples: number;
  status: 'waiting' | 'running' | 'done' | 'cancelled' | 'failed';
  /** Steady state: hit / (hit + miss) of the requests after the warm-up. */
  hitRatio: number | null;
  /** Requests counted in the steady state (positions warmup+1 … requests). */
  steadyRequests: number;
  warmupRequests: number;
  requests: number;
  sent: number;
  answered: number;
  counts: Record<CacheStatus, number>;
  /** Computed and answered but not stored: Redis refused the write (OOM) or was away. */
  notCached: number;
  /** OOM error replies Redis itself counted (INFO errorstats). */
  oomRefusals: number;
  evicted: number;
  /** Mean number of keys held over the steady state. */
  keysHeld: number | null;
  maxmemory: number;
  /** used_memory of the empty lab Redis, and the mean MEMORY USAGE of one entry of this run. */
  baselineBytes: number;
  entryBytes: number;
  elapsedMs: number;
  theory: { che: number; optimal: number };
  series: EvictionSample[];
  slices: HitRatioSlice[];
}

export interface EvictionSnapshot {
  id: string;
  status: RunStatus;
  config: EvictionConfig;
  startedAt: string;
  finishedAt: string | null;
  message: string | null;
  results: PolicyResult[];
}

export interface LabStatus {
  available: boolean;
  /** Why there is no lab Redis, and how to get one. */
  reason: string | null;
  address: string | null;
  owned: boolean;
  running: boolean;
  version: string | null;
  /** The lab run now going on (eviction run or failure-lab traffic), if any. */
  busy: { kind: 'eviction' | 'traffic'; id: string } | null;
}
