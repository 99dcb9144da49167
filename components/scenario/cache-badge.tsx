import type { CacheStatus } from '@/lib/contracts/scenario';

const STYLES: Record<CacheStatus, string> = {
  hit: 'bg-emerald-100 text-emerald-800 ring-emerald-600/30',
  'near-hit': 'bg-teal-100 text-teal-900 ring-teal-600/30',
  stale: 'bg-amber-100 text-amber-900 ring-amber-600/30',
  coalesced: 'bg-sky-100 text-sky-800 ring-sky-600/30',
  miss: 'bg-rose-100 text-rose-800 ring-rose-600/30',
  bypass: 'bg-slate-200 text-slate-800 ring-slate-500/30',
};

const HINTS: Record<CacheStatus, string> = {
  hit: 'served from Redis',
  'near-hit': 'served from this app instance’s memory (near cache), without asking Redis',
  stale: 'served from Redis while it refreshes',
  coalesced: 'waited for a computation already running',
  miss: 'computed, then stored in Redis',
  bypass: 'computed without the cache',
};

export function CacheBadge({ status, size = 'sm' }: { status: CacheStatus; size?: 'sm' | 'lg' }) {
  const sizing = size === 'lg' ? 'px-4 py-1.5 text-2xl tracking-wider' : 'px-2 py-0.5 text-sm';
  return (
    <span
      className={`inline-flex items-center rounded-md font-bold uppercase ring-1 ring-inset ${sizing} ${STYLES[status]}`}
      title={HINTS[status]}
      data-testid={size === 'lg' ? 'cache-status' : undefined}
    >
      {status}
    </span>
  );
}

export function statusHint(status: CacheStatus): string {
  return HINTS[status];
}
