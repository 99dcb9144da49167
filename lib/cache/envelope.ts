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
}

/** The meta fields are written after `v`, so they can be read from the end of a large value (see `envelopeMetaFromTail`). */
export function encodeEnvelope<V>(value: V, meta: Omit<Envelope<V>, 'cachelab' | 'v'>): string {
  return JSON.stringify({ cachelab: 1, v: value, ...meta });
}

/** Bytes at the end of a stored envelope that hold its meta fields, with room for fields added later. */
export const ENVELOPE_TAIL_BYTES = 512;

export interface EnvelopeMeta {
  storedAt: number | null;
  expiry: ExpiryKind | null;
}

/**
 * The meta fields from the last bytes of a stored envelope (GETRANGE key -512 -1): the key
 * browser shows how each entry expires without reading values that may be large. The
 * last occurrence wins, as `v` (which comes first) may contain the same text.
 */
export function envelopeMetaFromTail(tail: string): EnvelopeMeta {
  const storedAt = lastMatch(tail, /"storedAt":(\d+)/g);
  const expiry = lastMatch(tail, /"expiry":"(ttl|absolute)"/g);
  return { storedAt: storedAt === null ? null : Number(storedAt), expiry: expiry as ExpiryKind | null };
}

function lastMatch(text: string, pattern: RegExp): string | null {
  let found: string | null = null;
  for (const match of text.matchAll(pattern)) found = match[1] ?? null;
  return found;
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
    (record.expiry === 'ttl' || record.expiry === 'absolute')
  );
}
