/** What one phase of generated load measured: shared by the simulator's API, the labs and the pages (no server-only). */
import type { CacheStatus, CacheStrategy } from '../cache/types';

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export interface PhaseSnapshot {
  label: string;
  mode: 'cache' | 'bypass';
  /** null: without the cache. */
  strategy: CacheStrategy | null;
  planned: number;
  sent: number;
  completed: number;
  failed: number;
  counts: Record<CacheStatus, number>;
  hitRatio: number | null;
  latency: LatencySummary | null;
  /** Computations this phase caused: computed for a request, or refreshed in the background. */
  computations: number;
  /** Time spent computing for requests, ms. */
  computeMs: number;
  /** Requests served without computing × the mean computation, ms. */
  savedMs: number;
  /** Latency counts per bucket of BUCKET_BOUNDS_MS (lib/cache/histogram.ts). */
  histogram: number[];
  /** Cumulative hit ratio as requests completed. */
  series: { k: number; hitRatio: number }[];
  elapsedMs: number;
}
