import 'server-only';
import { hitRatio, STATUSES, type CachedResult, type CacheStatus, type CacheStrategy } from '../cache';
import { BUCKET_BOUNDS_MS, bucketIndex } from '../cache/histogram';
import type { LatencySummary, PhaseSnapshot } from './types';

/** Points kept on a phase's hit-ratio curve, whatever its length. */
const SERIES_POINTS = 200;

export interface PhasePlan {
  label: string;
  mode: 'cache' | 'bypass';
  strategy: CacheStrategy | null;
  planned: number;
}

/** Live figures of one phase of a run, updated as each simulated request completes. */
export class PhaseStats {
  sent = 0;
  private failed = 0;
  private readonly counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<CacheStatus, number>;
  private readonly latencies: number[] = [];
  private readonly histogram: number[] = BUCKET_BOUNDS_MS.map(() => 0);
  private readonly series: { k: number; hitRatio: number }[] = [];
  private computedRequests = 0;
  private refreshes = 0;
  private computeMs = 0;
  private startedAt: number | null = null;
  private endedAt: number | null = null;
  private readonly seriesEvery: number;

  constructor(readonly plan: PhasePlan) {
    this.seriesEvery = Math.max(1, Math.floor(plan.planned / SERIES_POINTS));
  }

  start(): void {
    this.startedAt = performance.now();
  }

  end(): void {
    this.endedAt = performance.now();
    this.addPoint();
  }

  record(result: CachedResult<unknown>): void {
    this.counts[result.status] += 1;
    this.latencies.push(result.latencyMs);
    this.histogram[bucketIndex(result.latencyMs)] = (this.histogram[bucketIndex(result.latencyMs)] ?? 0) + 1;
    if (result.computeMs > 0) {
      this.computedRequests += 1;
      this.computeMs += result.computeMs;
    }
    // The refresh this request started runs after it answered: one more computation, timed by the engine.
    if (result.refreshing) this.refreshes += 1;
    if (this.completed % this.seriesEvery === 0) this.addPoint();
  }

  fail(): void {
    this.failed += 1;
  }

  snapshot(): PhaseSnapshot {
    const meanComputeMs = this.computedRequests > 0 ? this.computeMs / this.computedRequests : 0;
    return {
      ...this.plan,
      sent: this.sent,
      completed: this.completed,
      failed: this.failed,
      counts: { ...this.counts },
      hitRatio: hitRatio(this.counts),
      latency: summarize(this.latencies),
      computations: this.computedRequests + this.refreshes,
      computeMs: this.computeMs,
      savedMs: this.servedWithoutCompute() * meanComputeMs,
      histogram: [...this.histogram],
      series: [...this.series],
      elapsedMs: this.startedAt === null ? 0 : (this.endedAt ?? performance.now()) - this.startedAt,
    };
  }

  private get completed(): number {
    return this.latencies.length;
  }

  private servedWithoutCompute(): number {
    return this.counts.hit + this.counts.stale + this.counts.coalesced;
  }

  private addPoint() {
    const ratio = hitRatio(this.counts);
    const last = this.series.at(-1);
    if (ratio !== null && last?.k !== this.completed) this.series.push({ k: this.completed, hitRatio: ratio });
  }
}

/** Exact percentiles (nearest rank) of at most SIMULATOR_MAX_REQUESTS latencies. */
export function summarize(latencies: readonly number[]): LatencySummary | null {
  if (latencies.length === 0) return null;
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (quantile: number) => sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] ?? 0;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), mean: sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length };
}
