import type { ExpiryKind } from './types';

/**
 * What is stored under a cache key: the value plus what the engine needs to explain it
 * (when and how it expires, how long it took to compute — XFetch needs that too).
 */
export interface Envelope<V> {
  cachelab: 1;
  v: V;
  storedAt: number;
  computeMs: number;
  expiry: ExpiryKind;
  /**
   * When the entry expires (ms since the epoch), as its writer set it: a hit reads its
   * remaining lifetime here instead of asking Redis. Absent in entries written before it existed.
   */
  expiresAt?: number;
}

export function encodeEnvelope<V>(value: V, meta: Omit<Envelope<V>, 'cachelab' | 'v'>): string {
  return JSON.stringify({ cachelab: 1, v: value, ...meta });
}

/** Anything that is not our envelope (foreign writes, truncation, old formats) decodes to null: a miss. */
export function decodeEnvelope<V>(raw: string, isValue: (value: unknown) => value is V): Envelope<V> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isEnvelope(parsed) || !isValue(parsed.v)) return null;
  return parsed as Envelope<V>;
}

function isEnvelope(candidate: unknown): candidate is Envelope<unknown> {
  if (typeof candidate !== 'object' || candidate === null) return false;
  const record = candidate as Record<string, unknown>;
  return (
    record.cachelab === 1 &&
    'v' in record &&
    typeof record.storedAt === 'number' &&
    typeof record.computeMs === 'number' &&
    (record.expiry === 'ttl' || record.expiry === 'absolute') &&
    (record.expiresAt === undefined || typeof record.expiresAt === 'number')
  );
}

/** Remaining lifetime of a stored envelope, or null when it does not say. */
export function remainingMs(envelope: Envelope<unknown>, now = Date.now()): number | null {
  return envelope.expiresAt === undefined ? null : Math.max(0, envelope.expiresAt - now);
}
