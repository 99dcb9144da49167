import 'server-only';
import { randomBytes } from 'node:crypto';
import { env } from '../core/env';
import { RedisUnavailableError, withRedis } from '../core/redis';
import { notify } from './observers';
import { recordProblem, resolveProblem } from '../core/redis-problems';
import { applyBatch, type Batch } from './apply-batch';
import { EVENTS_KEPT, type Observation } from './event';
import { REFRESHES_FIELD, invalidationField, latencySumField, sampleCountField, strategyFields } from './fields';
import { bucketIndex } from './histogram';
import { statsKeys } from './keys';
import { addTo, emptyPending, isEmptyPending, totalsCounts } from './pending';
import { splitBySlotGroup } from './slot-groups';
import { COMPUTE_FIELDS, HISTOGRAM_TTL_SECONDS, Tallies, type TallySink } from './tally';
import type { CacheStrategy, TrafficSource } from './types';
import { processWide } from '../core/process-wide';

export { PERCENTILE_SLOT_SECONDS } from './tally';

/** A computation no request waited for: a stale-while-revalidate refresh in the background. */
export interface Refresh {
  scenario: string;
  source: TrafficSource;
  strategy: CacheStrategy;
  computeMs: number;
}

const FLUSH_EVERY_MS = 250;
/** Observations queued before they are tallied at once (bounds memory under a burst). */
const TALLY_AT_OBSERVATIONS = 2000;
/** Flush early once this many distinct fields are pending, so a burst never piles up in memory. */
const FLUSH_AT_FIELDS = 2000;
/** Batches in doubt kept for a resend; beyond that the oldest are dropped (with a warning). */
const MAX_IN_DOUBT = 1000;

/**
 * Batches everything the cache records about a request — its count, latency sums,
 * histograms, per-second series and the recent-requests stream — and writes it with one
 * script every 250 ms (or sooner under load), so the hit path stays one Redis round trip.
 *
 * Counts stay exact through outages: a batch that certainly did not reach Redis is merged
 * into the next one; a batch that may have (timeout, connection lost mid-flight) is sent
 * again under the same id, and Redis applies each id once. So hits + misses + coalesced +
 * stale + bypasses always equals requests, never more (no replayed increments), never less.
 */
export class MetricsRecorder {
  private pending = emptyPending();
  private readonly tallies: Tallies;
  /** Observed, not tallied yet: counting waits for the flush, off the request's path. */
  private observed: Observation[] = [];
  /** Folded tallies land in the pending batch. */
  private readonly sink: TallySink = {
    add: (kind, key, field, delta) => this.add(kind, key, field, delta),
    expire: (key, seconds) => this.pending.expiries.set(key, seconds),
  };
  private inDoubt: Batch[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly instance = randomBytes(6).toString('hex');
  private sequence = 0;

  constructor(private readonly prefix: string = env.CACHE_PREFIX) {
    this.tallies = new Tallies(prefix);
  }

  /**
   * Counts one request. Only queued here: the tallies are added up when the batch is sealed
   * (or once TALLY_AT_OBSERVATIONS are waiting), while no request waits on this process — on
   * the hit path every step after Redis' reply is latency, the queue push is the cheapest.
   */
  observe(observation: Observation): void {
    this.observed.push(observation);
    if (this.observed.length >= TALLY_AT_OBSERVATIONS) this.tallyObserved();
    this.schedule();
  }

  private tallyObserved() {
    const observed = this.observed;
    if (observed.length === 0) return;
    this.observed = [];
    for (const observation of observed) this.tallies.add(observation, this.sink);
    const { events } = this.pending;
    events.push(...observed.slice(-EVENTS_KEPT));
    if (events.length > EVENTS_KEPT) events.splice(0, events.length - EVENTS_KEPT);
  }

  /** Background refreshes count as computations (of their strategy) but not as requests. */
  observeRefresh({ source, scenario, strategy, computeMs }: Refresh): void {
    const totals = statsKeys.totals(source, scenario, this.prefix);
    this.add('counts', totals, sampleCountField('compute'), 1);
    this.add('sums', totals, latencySumField('compute'), computeMs);
    this.add('counts', totals, REFRESHES_FIELD, 1);
    const histogram = statsKeys.histogram(source, scenario, this.prefix);
    this.add('counts', histogram, COMPUTE_FIELDS[bucketIndex(computeMs)]!, 1);
    this.pending.expiries.set(histogram, HISTOGRAM_TTL_SECONDS);
    this.add('counts', totals, strategyFields(strategy).computations, 1);
    this.schedule();
  }

  /** A near-cache invalidation this instance received (the dashboard charts them per second). */
  countInvalidation(at: number): void {
    const second = Math.floor(at / 1000);
    const key = statsKeys.nearInvalidations(Math.floor(second / 60), this.prefix);
    this.add('counts', key, invalidationField(second), 1);
    this.pending.expiries.set(key, env.METRICS_RETENTION_SECONDS);
    this.schedule();
  }

  /** Count corrections, e.g. a "hit" on a corrupt value that turned out to be a miss. */
  adjust(source: TrafficSource, scenario: string, field: string, delta: number): void {
    this.add('counts', statsKeys.totals(source, scenario, this.prefix), field, delta);
    this.schedule();
  }

  /** Write what is pending now; tests and shutdown call it, the timer does otherwise. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.tallyObserved();
    this.tallies.fold(this.sink);
    if (isEmptyPending(this.pending) && this.inDoubt.length === 0) return;
    const batches = this.inDoubt.splice(0);
    if (!isEmptyPending(this.pending)) batches.push(...this.seal());
    this.flushing = this.send(batches).finally(() => {
      this.flushing = null;
    });
    await this.flushing;
  }

  /** What is pending, as one batch per slot group: in a cluster each lands on its own node, exactly once. */
  private seal(): Batch[] {
    const minute = Math.floor(Date.now() / 60_000);
    const groups = splitBySlotGroup(this.pending, statsKeys.events(this.prefix));
    this.pending = emptyPending();
    return [...groups].map(([group, pending]) => ({ id: `${this.instance}:${(this.sequence += 1)}`, group, minute, pending, mayHaveLanded: false }));
  }

  /** Oldest first; after a failure the rest wait for the next flush. */
  private async send(batches: Batch[]): Promise<void> {
    for (const [index, batch] of batches.entries()) {
      try {
        await withRedis((client) => applyBatch(client, batch, this.prefix));
        resolveProblem('metrics_flush');
      } catch (error) {
        noteFlushFailure(error);
        if (!(error instanceof RedisUnavailableError && error.notSent)) batch.mayHaveLanded = true;
        for (const unsent of batches.slice(index)) this.keep(unsent);
        this.schedule();
        return;
      }
    }
  }

  /**
   * Keeps what a failed flush must not lose: the counts (they must stay exact). Latency
   * detail only describes the outage and would otherwise grow without bound, so it goes.
   */
  private keep(batch: Batch) {
    if (!batch.mayHaveLanded) {
      for (const [key, field, delta] of totalsCounts(batch.pending)) this.add('counts', key, field, delta);
      return;
    }
    const counts = emptyPending();
    for (const [key, field, delta] of totalsCounts(batch.pending)) addTo(counts, 'counts', key, field, delta);
    this.inDoubt.push({ ...batch, pending: counts });
    if (this.inDoubt.length > MAX_IN_DOUBT) {
      this.inDoubt.shift();
      console.warn('[cachelab] Redis has not confirmed metrics for a long time: dropping the oldest unconfirmed counts');
    }
  }

  private add(kind: 'counts' | 'sums', key: string, field: string, delta: number) {
    addTo(this.pending, kind, key, field, delta);
  }

  private schedule() {
    if (this.pending.fields >= FLUSH_AT_FIELDS) {
      void this.flush();
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, FLUSH_EVERY_MS);
    this.timer.unref?.();
  }
}

let lastFlushWarning = 0;
/** A flush that failed: counted where /api/health reports it, and logged at most every 10 s. */
function noteFlushFailure(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  recordProblem('metrics_flush', message);
  const now = Date.now();
  if (now - lastFlushWarning < 10_000) return;
  lastFlushWarning = now;
  console.warn(`[cachelab] metrics flush failed (counts kept for the next one): ${message}`);
}

/** The process-wide recorder. */
export const metricsRecorder = processWide('metrics.recorder', () => new MetricsRecorder());

export const flushMetrics = async () => {
  // Observers batch the same way (key timelines): "everything pending is written" covers them too.
  await Promise.all([metricsRecorder().flush(), notify.flush()]);
};
