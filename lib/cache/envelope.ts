import type { ExpiryKind } from './types';

/**
 * What is stored under a cache key: the value plus what the engine needs to explain it
 * (when and how it expires, how long it took to compute — XFetch needs that too).
 */
export interface Envelope<V> {
  /**
   * The version mark. 2: written by this engine, which checks a value against its scenario's
   * shape before storing it, so a read only checks the envelope's structure. 1: older entries,
   * whose value is checked against the shape on every read.
   */
  cachelab: 1 | 2;
  /**
   * When the value stops being fresh (ms epoch). Usually the moment Redis drops the key; with
   * stale-while-revalidate the key lives a grace period longer. Absent in older envelopes.
   */
  freshUntil?: number;
  v: V;
  storedAt: number;
  computeMs: number;
  expiry: ExpiryKind;
}

/**
 * `freshUntil` is written first, right after the marker, so the lookup script reads it with an
 * anchored pattern (FRESH_UNTIL_LUA_PATTERN) without decoding the value; the other meta fields
 * come after `v`, so the key browser reads them from the tail (`envelopeMetaFromTail`).
 */
export function encodeEnvelope<V>(value: V, meta: Omit<Envelope<V>, 'cachelab' | 'v'>): string {
  const { freshUntil, ...rest } = meta;
  const head = freshUntil === undefined ? {} : { freshUntil: Math.round(freshUntil) };
  return JSON.stringify({ cachelab: 2, ...head, v: value, ...rest });
}

/** Lua pattern that captures `freshUntil` from the head of an encoded envelope (either version). */
export const FRESH_UNTIL_LUA_PATTERN = '^{"cachelab":[12],"freshUntil":(%d+)';

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

/**
 * Anything that is not our envelope (foreign writes, truncation, old formats) decodes to null: a
 * miss. The value's own shape is checked only for version-1 entries: version 2 was checked
 * when it was stored (docs/hit-path.md argues why that is enough on the hit path).
 */
export function decodeEnvelope<V>(raw: string, isValue: (value: unknown) => value is V): Envelope<V> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isEnvelope(parsed) || (parsed.cachelab === 1 && !isValue(parsed.v))) return null;
  return parsed as Envelope<V>;
}

function isEnvelope(candidate: unknown): candidate is Envelope<unknown> {
  if (typeof candidate !== 'object' || candidate === null) return false;
  const record = candidate as Record<string, unknown>;
  return (
    (record.cachelab === 2 || record.cachelab === 1) &&
    'v' in record &&
    typeof record.storedAt === 'number' &&
    typeof record.computeMs === 'number' &&
    (record.freshUntil === undefined || typeof record.freshUntil === 'number') &&
    (record.expiry === 'ttl' || record.expiry === 'absolute')
  );
}
