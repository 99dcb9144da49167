/** Shapes of the labs' API: shared by the route handlers, lib/labs and the lab pages. */
import type { CacheStatus } from '../../cache/types';

export const EVICTION_POLICIES = ['allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'volatile-lru', 'volatile-ttl', 'noeviction'] as const;
export type EvictionPolicy = (typeof EVICTION_POLICIES)[number];
export const SAMPLE_SIZES = [5, 10] as const;

export type RunStatus = 'running' | 'done' | 'cancelled' | 'failed';

export interface EvictionConfig {
  policies: EvictionPolicy[];
  /** maxmemory-samples: each policy runs once per size given. */
  samples: (typeof SAMPLE_SIZES)[number][];
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
  /** used_memory of the empty lab Redis. */
  baselineBytes: number;
  /** Mean MEMORY USAGE of one entry of this run. */
  memoryUsageBytes: number;
  /** What one entry costs: MEMORY USAGE plus its share of the keyspace's hash tables (MEMORY STATS). maxmemory = baseline + capacity × this. */
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

export const FAULT_ACTIONS = ['pause', 'kill-connections', 'stop', 'start', 'latency', 'fill-memory', 'reset'] as const;
export type FaultAction = (typeof FAULT_ACTIONS)[number];
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface TrafficConfig {
  rps: number;
  users: number;
  inputs: number;
  s: number;
  durationSeconds: number;
  seed: number;
}

/** One second of the failure lab's traffic, as the app saw it. */
export interface TrafficSecond {
  /** Seconds since the traffic started. */
  t: number;
  counts: Record<CacheStatus, number>;
  /** Misses whose value Redis did not keep (OOM), in this second. */
  notCached: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
  /** The breaker's state at the end of this second. */
  breaker: BreakerState;
}

/** A stretch of answers computed without the cache because Redis was unreachable or the breaker open. */
export interface Outage {
  startMs: number;
  /** The first answer from Redis again; null while it lasts. */
  endMs: number | null;
  bypasses: number;
}

export interface FaultRecord {
  action: FaultAction;
  /** What was done, in words: "paused for 5 s", "+400 ms per command". */
  detail: string;
  /** Milliseconds since the traffic started (null without traffic running). */
  atMs: number | null;
  /** When the fault itself ended (pause over, Redis started, latency removed), if it has. */
  endedMs: number | null;
  /** The end of the outage this fault caused: the moment the app used Redis again. */
  recoveredMs: number | null;
  /** recoveredMs − endedMs: how long the app took to come back once Redis could answer. */
  recoveryMs: number | null;
}

export interface TrafficSnapshot {
  id: string;
  status: RunStatus;
  config: TrafficConfig;
  startedAt: string;
  elapsedMs: number;
  sent: number;
  answered: number;
  inFlight: number;
  failed: number;
  counts: Record<CacheStatus, number>;
  notCached: number;
  breaker: BreakerState;
  transitions: { atMs: number; state: BreakerState }[];
  seconds: TrafficSecond[];
  outages: Outage[];
}

export interface FailureSnapshot {
  traffic: TrafficSnapshot | null;
  faults: FaultRecord[];
  latencyMs: number;
  /** The lab Redis process is up (always true for one named by LAB_REDIS_URL). */
  running: boolean;
  owned: boolean;
}
