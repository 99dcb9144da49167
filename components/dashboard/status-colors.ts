import type { CacheStatus } from '@/lib/contracts/scenario';

/** Chart colours per status, the same families as the badges (components/scenario/cache-badge.tsx). */
export const STATUS_COLORS: Record<CacheStatus, string> = {
  hit: '#10b981',
  'near-hit': '#0f766e',
  stale: '#f59e0b',
  coalesced: '#0ea5e9',
  miss: '#f43f5e',
  bypass: '#94a3b8',
};

export const STATUS_LABELS: Record<CacheStatus, string> = {
  hit: 'Hits',
  'near-hit': 'Near hits (L1)',
  stale: 'Stale hits',
  coalesced: 'Coalesced',
  miss: 'Misses',
  bypass: 'Bypasses',
};
