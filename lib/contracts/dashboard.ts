/** Shapes the dashboard APIs return; shared by lib/, route handlers and client components (no server code here). */
import type { CacheStatus, CacheStrategy, ExpiryKind } from '../cache/types';

/** `live` = visitors, `sim` = the traffic simulator, `all` = both (the default). */
export type SourceFilter = 'live' | 'sim' | 'all';

export interface LatencyFigures {
  /** Requests measured. */
  count: number;
  meanMs: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

/** What one scenario (or all of them) did since the last reset. */
export interface ScenarioFigures {
  /** Every request, each counted once under its status. */
  requests: number;
  counts: Record<CacheStatus, number>;
  /** Requests that also failed or met a value that was not ours (counted under their status too). */
  errors: number;
  /** (hit + stale) / (hit + stale + miss + coalesced); null before the first lookup. */
  hitRatio: number | null;
  latency: { hit: LatencyFigures; miss: LatencyFigures };
  /** Mean time the expensive work took when it ran (misses and bypasses). */
  meanComputeMs: number | null;
  /** hits × mean compute time: work the cache did not have to do. */
  computeSavedMs: number;
  /** Per cache strategy that served requests: how many, and how many computations they cost. */
  strategies: StrategyFigures[];
}

export interface StrategyFigures {
  strategy: CacheStrategy;
  requests: number;
  computations: number;
}

export interface ScenarioStats {
  id: string;
  title: string;
  figures: ScenarioFigures;
}

/** One bin of the throughput chart: requests per second by status, and the hit ratio of the bin. */
export interface ThroughputPoint {
  t: number;
  rates: Record<CacheStatus, number>;
  hitRatio: number | null;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** Latency percentiles of one bin, from the per-slot histograms; null where nothing was measured. */
export interface PercentilePoint {
  t: number;
  hit: Percentiles | null;
  miss: Percentiles | null;
}

export interface HistogramBar {
  label: string;
  upperMs: number | null;
  hit: number;
  miss: number;
}

export interface StatsWindow {
  seconds: number;
  /** Seconds per throughput bin / per percentile bin. */
  step: number;
  percentileStep: number;
  /** Epoch seconds: the window's first second, and the last complete second (the charts' "now"). */
  from: number;
  to: number;
}

export interface StatsResponse {
  generatedAt: number;
  source: SourceFilter;
  /** The scenario the charts show; null = all of them. */
  scenario: string | null;
  window: StatsWindow;
  total: ScenarioFigures;
  scenarios: ScenarioStats[];
  throughput: ThroughputPoint[];
  percentiles: PercentilePoint[];
  histogram: HistogramBar[];
}

export interface KeyInfo {
  key: string;
  /** The key without CACHE_PREFIX, as the tutorial writes it. */
  readableKey: string;
  scenario: string | null;
  /** `string` = a cache entry; anything else under the prefix is shown but not ours. */
  type: 'string' | 'other';
  sizeBytes: number | null;
  /** Remaining lifetime when read; null = no expiry. */
  ttlMs: number | null;
  /** The full lifetime it was written with (for the draining bar); null when unknown. */
  lifetimeMs: number | null;
  expiry: ExpiryKind | null;
  /** Redis Cluster only: the key's hash slot and the master (`host:port`) holding it; null on one server. */
  slot: number | null;
  node: string | null;
}

export interface KeyPage {
  keys: KeyInfo[];
  /** Where the next page starts; "0" when the walk is complete. */
  cursor: string;
  /** SCAN calls this page cost. */
  scanCalls: number;
}

export interface KeyValue {
  key: string;
  type: string;
  sizeBytes: number;
  ttlMs: number | null;
  /** The stored JSON, parsed; or the raw text when it is not JSON or was cut. */
  value: unknown;
  truncated: boolean;
}

export interface RecentEvent {
  id: string;
  t: number;
  scenario: string;
  source: string;
  status: CacheStatus;
  key: string;
  ms: number;
}

/** null = not available (the embedded store has no server to ask). */
export interface RedisInfo {
  backend: 'redis' | 'embedded';
  version: string | null;
  mode: string | null;
  uptimeSeconds: number | null;
  usedMemoryBytes: number | null;
  peakMemoryBytes: number | null;
  maxMemoryBytes: number | null;
  evictionPolicy: string | null;
  connectedClients: number | null;
  opsPerSecond: number | null;
  keyspaceHits: number | null;
  keyspaceMisses: number | null;
  expiredKeys: number | null;
  evictedKeys: number | null;
  /** Keys in the database Cache Lab uses (all prefixes; in a cluster, on every master). */
  keys: number | null;
  /** Redis Cluster only (else null): its state and every node. The figures above are then sums over the masters. */
  cluster: ClusterInfo | null;
}

export interface ClusterInfo {
  /** `ok`, or `fail` while some slots have no reachable master. */
  state: string;
  nodes: ClusterNodeInfo[];
}

export interface ClusterNodeInfo {
  /** `host:port` as the cluster announces it. */
  address: string;
  role: 'master' | 'replica' | 'unknown';
  /** Slot ranges served, e.g. `0-5460` (masters only). */
  slots: string[];
  keys: number | null;
  usedMemoryBytes: number | null;
  opsPerSecond: number | null;
  /** False when the node did not answer. */
  reachable: boolean;
}
