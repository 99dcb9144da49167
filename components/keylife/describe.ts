import type { KeyEvent, KeyEventType } from '@/lib/features/keylife/types';

/** Seconds with one decimal below a minute ("0.8 s"), for lags and ages. */
export function seconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

export const EVENT_LABELS: Record<KeyEventType, string> = {
  stored: 'stored',
  overwritten: 'overwritten',
  hit: 'hit',
  'ttl-zero': 'TTL reached zero',
  expired: 'expired by Redis',
  evicted: 'evicted',
  deleted: 'deleted',
  expire: 'TTL set',
  'tag-invalidated': 'tag invalidated',
  'stale-served': 'served stale',
  regenerated: 'regenerated',
};

/** One line of detail for a timeline row. */
export function eventDetail(event: KeyEvent): string {
  switch (event.type) {
    case 'stored':
    case 'overwritten': {
      const parts = [event.by ?? (event.origin === 'redis' ? 'seen by Redis (another client wrote it)' : undefined)];
      if (event.computeMs !== undefined) parts.push(`computed in ${seconds(event.computeMs)}`);
      if (event.ttlMs !== undefined) parts.push(event.ttlMs === null ? 'expires at a fixed time' : `TTL ${seconds(event.ttlMs)} asked`);
      return parts.filter(Boolean).join(' · ');
    }
    case 'hit':
      return event.count && event.count > 1 ? `${event.count} hits in this second` : 'served from the cache';
    case 'ttl-zero':
      return 'from now on Redis may remove it (computed from the stored expiry)';
    case 'expired':
      return event.lagMs === undefined ? 'Redis removed it' : `${seconds(event.lagMs)} after its TTL reached zero`;
    case 'evicted':
      return 'Redis removed it to free memory (maxmemory policy)';
    case 'deleted':
      return event.by ?? 'a DEL or UNLINK';
    case 'tag-invalidated':
      return `tag ${event.by ?? '?'} was invalidated after this entry was made`;
    case 'stale-served':
      return `served once more while Next.js makes it again (${event.by ?? 'an instance'})`;
    case 'regenerated':
      return `made again after it went stale (${event.by ?? 'an instance'})`;
    case 'expire':
      return 'its TTL was set or changed';
  }
}

/** Why a key left, in one short phrase for the key browser ("expired by Redis 0.8 s after its TTL"). */
export function goneReason(event: KeyEvent): string | null {
  if (event.type === 'expired') return event.lagMs === undefined ? 'expired by Redis' : `expired by Redis ${seconds(event.lagMs)} after its TTL`;
  if (event.type === 'evicted') return 'evicted (memory full)';
  if (event.type === 'deleted') return event.origin === 'app' && event.by?.startsWith('flush') ? 'flushed' : 'invalidated';
  return null;
}

export const keyLifeHref = (fullKey: string) => `/keys/life?key=${encodeURIComponent(fullKey)}`;
