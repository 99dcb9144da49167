import 'server-only';
import { bucketField, sumField } from '../../cache/fields';
import { BUCKET_BOUNDS_MS } from '../../cache/histogram';

/** A metric hash with its values parsed; missing fields read as 0. */
export type Fields = Record<string, number>;

export function numericFields(raw: Record<string, string>): Fields {
  const fields: Fields = {};
  for (const [name, value] of Object.entries(raw)) {
    const number = Number(value);
    if (Number.isFinite(number)) fields[name] = number;
  }
  return fields;
}

/** Field-wise sum, e.g. of the `live` and `sim` hashes of one scenario. */
export function sumFields(all: readonly Fields[]): Fields {
  const sum: Fields = {};
  for (const fields of all) for (const [name, value] of Object.entries(fields)) sum[name] = (sum[name] ?? 0) + value;
  return sum;
}

export const field = (fields: Fields, name: string): number => fields[name] ?? 0;

/** Bucket counts of one status from a histogram hash (fields `<status>:<bucketIndex>`). */
export function bucketCounts(histogram: Fields, status: string): number[] {
  return BUCKET_BOUNDS_MS.map((_, index) => field(histogram, bucketField(status, index)));
}

/** The latency sum of each bucket (fields `<status>:<bucketIndex>:ms`), for exact percentiles of few samples. */
export function bucketSums(histogram: Fields, status: string): number[] {
  return BUCKET_BOUNDS_MS.map((_, index) => field(histogram, sumField(bucketField(status, index))));
}

export const roundMs = (ms: number) => Math.round(ms * 1000) / 1000;
