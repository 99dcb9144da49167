import 'server-only';
import { hitRatio, STATUSES, type CachedResult } from '../../cache';
import { zeroCounts } from './counts';
import type { EvictionPolicy, EvictionSample, HitRatioSlice, PolicyResult } from './types';

/** Slices of the request sequence on a policy's hit-ratio curve. */
const SLICES = 100;

/** What one policy has measured so far: counts by position in the request sequence, and samples of the lab Redis. */
export class PolicyProgress {
  status: PolicyResult['status'] = 'waiting';
  sent = 0;
  failed = 0;
  maxmemory = 0;
  baselineBytes = 0;
  entryBytes = 0;
  memoryUsageBytes = 0;
  evicted = 0;
  oomRefusals = 0;
  readonly series: EvictionSample[] = [];
  private answered = 0;
  private notCached = 0;
  private readonly counts = zeroCounts();
  private readonly steady = zeroCounts();
  private readonly sliceSize: number;
  private readonly sliceServed: Uint32Array;
  private readonly sliceLooked: Uint32Array;
  private readonly sliceAnswered: Uint32Array;
  private startedAt: number | null = null;
  private endedAt: number | null = null;

  constructor(
    readonly policy: EvictionPolicy,
    readonly samples: number,
    readonly requests: number,
    readonly warmupRequests: number,
    private readonly theory: { che: number; optimal: number },
  ) {
    this.sliceSize = Math.max(1, Math.ceil(requests / SLICES));
    const slices = Math.ceil(requests / this.sliceSize);
    this.sliceServed = new Uint32Array(slices);
    this.sliceLooked = new Uint32Array(slices);
    this.sliceAnswered = new Uint32Array(slices);
  }

  start(): void {
    this.status = 'running';
    this.startedAt = performance.now();
  }

  end(status: 'done' | 'cancelled' | 'failed'): void {
    this.status = status;
    this.endedAt = performance.now();
  }

  get elapsedMs(): number {
    return this.startedAt === null ? 0 : (this.endedAt ?? performance.now()) - this.startedAt;
  }

  get answeredCount(): number {
    return this.answered;
  }

  /** The answer to the request at `position` (0-based) of the sequence. */
  record(position: number, result: CachedResult<unknown>): void {
    this.answered += 1;
    this.counts[result.status] += 1;
    if (position >= this.warmupRequests) this.steady[result.status] += 1;
    // A miss whose value Redis did not keep (an OOM refusal under noeviction), or a bypass: the cache was not used.
    if (result.status === 'bypass' || (result.status === 'miss' && result.ttlMs === null)) this.notCached += 1;
    const slice = Math.floor(position / this.sliceSize);
    this.sliceAnswered[slice] = (this.sliceAnswered[slice] ?? 0) + 1;
    if (result.status !== 'bypass') this.sliceLooked[slice] = (this.sliceLooked[slice] ?? 0) + 1;
    if (result.status === 'hit' || result.status === 'stale') this.sliceServed[slice] = (this.sliceServed[slice] ?? 0) + 1;
  }

  snapshot(): PolicyResult {
    const steadySamples = this.series.filter((sample) => sample.k >= this.warmupRequests);
    const keysHeld = steadySamples.length > 0 ? steadySamples.reduce((sum, sample) => sum + sample.keysHeld, 0) / steadySamples.length : (this.series.at(-1)?.keysHeld ?? null);
    return {
      policy: this.policy,
      samples: this.samples,
      status: this.status,
      hitRatio: hitRatio(this.steady),
      steadyRequests: STATUSES.reduce((sum, status) => sum + this.steady[status], 0),
      warmupRequests: this.warmupRequests,
      requests: this.requests,
      sent: this.sent,
      answered: this.answered,
      counts: { ...this.counts },
      notCached: this.notCached,
      oomRefusals: this.oomRefusals,
      evicted: this.evicted,
      keysHeld,
      maxmemory: this.maxmemory,
      baselineBytes: this.baselineBytes,
      entryBytes: this.entryBytes,
      memoryUsageBytes: this.memoryUsageBytes,
      elapsedMs: this.elapsedMs,
      theory: this.theory,
      series: [...this.series],
      slices: this.slices(),
    };
  }

  /** Slices whose every request has been answered (all of them once the policy has ended). */
  private slices(): HitRatioSlice[] {
    const finished = this.status !== 'running' && this.status !== 'waiting';
    const slices: HitRatioSlice[] = [];
    for (let slice = 0; slice < this.sliceAnswered.length; slice += 1) {
      const size = Math.min(this.sliceSize, this.requests - slice * this.sliceSize);
      const answered = this.sliceAnswered[slice] ?? 0;
      const looked = this.sliceLooked[slice] ?? 0;
      if ((answered < size && !finished) || looked === 0) continue;
      slices.push({ k: slice * this.sliceSize + size, hitRatio: (this.sliceServed[slice] ?? 0) / looked });
    }
    return slices;
  }
}
