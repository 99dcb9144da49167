/**
 * The names of the fields in the metric hashes: the recorder writes them through these
 * functions and the statistics and Prometheus readers parse them through the same ones, so
 * writer and readers cannot drift apart. Pure (no Redis, no env): safe anywhere.
 */
import type { CacheStrategy } from './types';

/** Totals hash (besides one count per status, whose field is the status itself): failures, background refreshes. */
export const ERROR_FIELD = 'error';
export const REFRESHES_FIELD = 'refreshes';

/** Totals hash: the number of latency samples (`<status>_n`) and their sum in ms (`<status>_ms`); `compute` is a status here too. */
export const sampleCountField = (status: string) => `${status}_n`;
export const latencySumField = (status: string) => `${status}_ms`;
/** The sample counts are bookkeeping for the sums, not request counts (a failed flush keeps only the latter). */
export const isSampleCountField = (field: string) => field.endsWith('_n');

/** Histogram hash: requests of a status (or `compute` runs) in latency bucket `index`. */
export const bucketField = (status: string, index: number) => `${status}:${index}`;
/** The latency sum (ms) beside any bucket or per-second count field. */
export const sumField = (countField: string) => `${countField}:ms`;

/** Totals hash: requests served by a strategy, and the computations it ran. */
export function strategyFields(strategy: CacheStrategy) {
  return { requests: `strategy:${strategy}:requests`, computations: `strategy:${strategy}:computations` };
}

/** Per-minute series hash: requests of a status in one second. */
export const secondField = (second: number, status: string) => `${second}:${status}`;
/** Per-minute series hash: requests of a status in latency bucket `index` during the 5-second slot starting at `slot`. */
export const slotBucketField = (slot: number, status: string, index: number) => `${slot}:${status}:b${index}`;

/** Near-cache invalidations hash: invalidations received in one second. */
export const invalidationField = (second: number) => String(second);
export const invalidationSecond = (field: string) => Number(field);

/** A series field read back: a per-second count, or a slot's bucket count or latency sum. Per-second sums read as null. */
export type SeriesField =
  | { kind: 'second'; at: number; status: string }
  | { kind: 'slot'; at: number; status: string; bucket: number; part: 'counts' | 'sums' };

export function parseSeriesField(name: string): SeriesField | null {
  const [time, status = '', extra, unit] = name.split(':');
  const at = Number(time);
  if (!Number.isInteger(at)) return null;
  if (extra === undefined) return { kind: 'second', at, status };
  if (!extra.startsWith('b') || (unit !== undefined && unit !== 'ms')) return null;
  return { kind: 'slot', at, status, bucket: Number(extra.slice(1)), part: unit === 'ms' ? 'sums' : 'counts' };
}

/** Recent-requests stream: the fields of one entry (when in ms epoch, latency in ms, the trace id when traced). */
export const EVENT_FIELDS = { at: 't', scenario: 'scenario', source: 'source', status: 'status', key: 'key', latencyMs: 'ms', traceId: 'trace' } as const;
