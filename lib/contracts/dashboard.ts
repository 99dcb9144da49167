/**
 * Shapes the dashboard APIs return, as zod schemas and the types inferred from them: shared by
 * lib/, route handlers and client components (no server code here), and parsed against real
 * responses by contracts.test.ts, so a field that drifts fails a test instead of a chart.
 */
import { z } from 'zod';
import { STATUSES, STRATEGIES } from '../cache/types';

/** `live` = visitors, `sim` = the traffic simulator, `all` = both (the default). */
export const sourceFilterSchema = z.enum(['live', 'sim', 'all']);
export type SourceFilter = z.output<typeof sourceFilterSchema>;

const status = z.enum(STATUSES);
const perStatus = z.record(status, z.number());
const ms = z.number().nullable();

export const latencyFiguresSchema = z.object({
  /** Requests measured. */
  count: z.number(),
  meanMs: ms,
  p50Ms: ms,
  p95Ms: ms,
  p99Ms: ms,
});
export type LatencyFigures = z.output<typeof latencyFiguresSchema>;

export const strategyFiguresSchema = z.object({ strategy: z.enum(STRATEGIES), requests: z.number(), computations: z.number() });
export type StrategyFigures = z.output<typeof strategyFiguresSchema>;

/** What one scenario (or all of them) did since the last reset. */
export const scenarioFiguresSchema = z.object({
  /** Every request, each counted once under its status. */
  requests: z.number(),
  counts: perStatus,
  /** Requests that also failed or met a value that was not ours (counted under their status too). */
  errors: z.number(),
  /** (hit + near-hit + stale) / lookups; null before the first lookup. */
  hitRatio: z.number().nullable(),
  latency: z.object({ hit: latencyFiguresSchema, miss: latencyFiguresSchema }),
  /** Mean time the expensive work took when it ran (misses and bypasses). */
  meanComputeMs: ms,
  /** hits × mean compute time: work the cache did not have to do. */
  computeSavedMs: z.number(),
  /** Per cache strategy that served requests: how many, and how many computations they cost. */
  strategies: z.array(strategyFiguresSchema),
});
export type ScenarioFigures = z.output<typeof scenarioFiguresSchema>;

export const scenarioStatsSchema = z.object({ id: z.string(), title: z.string(), figures: scenarioFiguresSchema });
export type ScenarioStats = z.output<typeof scenarioStatsSchema>;

/** One bin of the throughput chart: requests per second by status, and the hit ratio of the bin. */
export const throughputPointSchema = z.object({
  t: z.number(),
  rates: perStatus,
  hitRatio: z.number().nullable(),
  /** Near-cache invalidations received per second (strategy `near`: keys dropped from an instance's L1). */
  invalidations: z.number(),
});
export type ThroughputPoint = z.output<typeof throughputPointSchema>;

export const percentilesSchema = z.object({ p50: z.number(), p95: z.number(), p99: z.number() });
export type Percentiles = z.output<typeof percentilesSchema>;

/** Latency percentiles of one bin, from the per-slot histograms; null where nothing was measured. */
export const percentilePointSchema = z.object({ t: z.number(), hit: percentilesSchema.nullable(), miss: percentilesSchema.nullable() });
export type PercentilePoint = z.output<typeof percentilePointSchema>;

export const histogramBarSchema = z.object({ label: z.string(), upperMs: z.number().nullable(), hit: z.number(), miss: z.number() });
export type HistogramBar = z.output<typeof histogramBarSchema>;

export const statsWindowSchema = z.object({
  seconds: z.number(),
  /** Seconds per throughput bin / per percentile bin. */
  step: z.number(),
  percentileStep: z.number(),
  /** Epoch seconds: the window's first second, and the last complete second (the charts' "now"). */
  from: z.number(),
  to: z.number(),
});
export type StatsWindow = z.output<typeof statsWindowSchema>;

/** GET /api/stats */
export const statsResponseSchema = z.object({
  generatedAt: z.number(),
  source: sourceFilterSchema,
  /** The scenario the charts show; null = all of them. */
  scenario: z.string().nullable(),
  window: statsWindowSchema,
  total: scenarioFiguresSchema,
  scenarios: z.array(scenarioStatsSchema),
  throughput: z.array(throughputPointSchema),
  percentiles: z.array(percentilePointSchema),
  histogram: z.array(histogramBarSchema),
});
export type StatsResponse = z.output<typeof statsResponseSchema>;

export const keyInfoSchema = z.object({
  key: z.string(),
  /** The key without CACHE_PREFIX, as the tutorial writes it. */
  readableKey: z.string(),
  scenario: z.string().nullable(),
  /** `string` = a cache entry; anything else under the prefix is shown but not ours. */
  type: z.enum(['string', 'other']),
  sizeBytes: z.number().nullable(),
  /** Remaining lifetime when read; null = no expiry. */
  ttlMs: ms,
  /** The full lifetime it was written with (for the draining bar); null when unknown. */
  lifetimeMs: ms,
  expiry: z.enum(['ttl', 'absolute']).nullable(),
  /** Redis Cluster only: the key's hash slot and the master (`host:port`) holding it; null on one server. */
  slot: z.number().nullable(),
  node: z.string().nullable(),
});
export type KeyInfo = z.output<typeof keyInfoSchema>;

/** GET /api/keys */
export const keyPageSchema = z.object({
  keys: z.array(keyInfoSchema),
  /** Where the next page starts; "0" when the walk is complete. */
  cursor: z.string(),
  /** SCAN calls this page cost. */
  scanCalls: z.number(),
});
export type KeyPage = z.output<typeof keyPageSchema>;

/** GET /api/keys/value */
export const keyValueSchema = z.object({
  key: z.string(),
  type: z.string(),
  sizeBytes: z.number(),
  ttlMs: ms,
  /** The stored JSON, parsed; or the raw text when it is not JSON or was cut. */
  value: z.unknown(),
  truncated: z.boolean(),
});
export type KeyValue = z.output<typeof keyValueSchema>;

/** One entry of GET /api/events. */
export const recentEventSchema = z.object({
  id: z.string(),
  t: z.number(),
  scenario: z.string(),
  source: z.string(),
  status,
  key: z.string(),
  ms: z.number(),
  /** The request's trace id when the app traces (OpenTelemetry, docs/observability.md). */
  traceId: z.string().optional(),
});
export type RecentEvent = z.output<typeof recentEventSchema>;

export const clusterNodeInfoSchema = z.object({
  /** `host:port` as the cluster announces it. */
  address: z.string(),
  role: z.enum(['master', 'replica', 'unknown']),
  /** Slot ranges served, e.g. `0-5460` (masters only). */
  slots: z.array(z.string()),
  keys: z.number().nullable(),
  usedMemoryBytes: z.number().nullable(),
  opsPerSecond: z.number().nullable(),
  /** False when the node did not answer. */
  reachable: z.boolean(),
});
export type ClusterNodeInfo = z.output<typeof clusterNodeInfoSchema>;

export const clusterInfoSchema = z.object({
  /** `ok`, or `fail` while some slots have no reachable master. */
  state: z.string(),
  nodes: z.array(clusterNodeInfoSchema),
});
export type ClusterInfo = z.output<typeof clusterInfoSchema>;

const figure = z.number().nullable();
/** GET /api/redis/info; null = not available (the embedded store has no server to ask). */
export const redisInfoSchema = z.object({
  backend: z.enum(['redis', 'embedded']),
  version: z.string().nullable(),
  mode: z.string().nullable(),
  uptimeSeconds: figure,
  usedMemoryBytes: figure,
  peakMemoryBytes: figure,
  maxMemoryBytes: figure,
  evictionPolicy: z.string().nullable(),
  connectedClients: figure,
  opsPerSecond: figure,
  keyspaceHits: figure,
  keyspaceMisses: figure,
  expiredKeys: figure,
  evictedKeys: figure,
  /** Keys in the database Cache Lab uses (all prefixes; in a cluster, on every master). */
  keys: figure,
  /** Redis Cluster only (else null): its state and every node. The figures above are then sums over the masters. */
  cluster: clusterInfoSchema.nullable(),
});
export type RedisInfo = z.output<typeof redisInfoSchema>;
