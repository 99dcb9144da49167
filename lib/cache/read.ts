import 'server-only';
import type { RedisClient } from '../core/redis';
import { decodedEnvelopes } from './decoded';
import type { Envelope } from './envelope';
import type { NearTier } from './near/near-cache';

/**
 * What the hit path's one GET found. Only `fresh` is served from it; the others go on to the
 * miss path: `absent`, `stale` (past its freshUntil), `foreign` (not our envelope, or another
 * Redis type), `legacy` (an envelope without freshUntil: fresh while it exists, so its TTL
 * needs the lookup script's PTTL). `at`: the clock that judged it fresh, which the answer reuses.
 */
export type EntryRead<V> = { kind: 'fresh'; envelope: Envelope<V> & { freshUntil: number }; at: number } | { kind: 'absent' | 'stale' | 'foreign' | 'legacy' };

const ABSENT = { kind: 'absent' } as const;
const STALE = { kind: 'stale' } as const;
const FOREIGN = { kind: 'foreign' } as const;
const LEGACY = { kind: 'legacy' } as const;

/**
 * One plain GET: the cheapest read Redis has (a script costs more than the GET it runs).
 * Written with `then` rather than as an async function: one promise fewer per hit.
 */
export function readEntry<V>(client: RedisClient, key: string, isValue: (value: unknown) => value is V): Promise<EntryRead<V>> {
  return client.get(key).then((raw) => classify(key, raw, isValue), foreignIfWrongType);
}

/** The same GET on the near cache's tracked reader: a fresh entry also enters L1. */
export async function readTracked<V>(near: NearTier, key: string, isValue: (value: unknown) => value is V): Promise<EntryRead<V>> {
  try {
    return await near.read(key, (raw) => {
      const read = classify(key, raw, isValue);
      return { result: read, entry: read.kind === 'fresh' ? { value: read.envelope.v, freshUntil: read.envelope.freshUntil } : null };
    });
  } catch (error) {
    return foreignIfWrongType(error);
  }
}

function classify<V>(key: string, raw: string | null, isValue: (value: unknown) => value is V): EntryRead<V> {
  if (raw === null) return ABSENT;
  const envelope = decodedEnvelopes().decode(key, raw, isValue);
  if (!envelope) return FOREIGN;
  const { freshUntil } = envelope;
  if (freshUntil === undefined) return LEGACY;
  const at = Date.now();
  return freshUntil > at ? { kind: 'fresh', envelope: envelope as Envelope<V> & { freshUntil: number }, at } : STALE;
}

/** A key of another type (a hash, a list…) under a cache key: not ours, like a foreign string. */
function foreignIfWrongType(error: unknown): typeof FOREIGN {
  if (error instanceof Error && error.message.startsWith('WRONGTYPE')) return FOREIGN;
  throw error;
}
