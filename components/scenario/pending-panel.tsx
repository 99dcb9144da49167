'use client';

import { formatLatency } from '@/lib/shared/format';
import { useNow } from '../use-now';

/** While a request runs: what it is doing and for how long, so a 3-second miss never looks frozen. */
export function PendingPanel({ startedAt, expectedMs, what }: { startedAt: number; expectedMs?: number; what: string }) {
  const now = useNow(100);
  const elapsed = Math.max(0, now - startedAt);
  const share = expectedMs ? Math.min(0.97, elapsed / expectedMs) : null;
  return (
    <section role="status" aria-live="polite" className="rounded-2xl border border-indigo-200 bg-indigo-50 p-5 shadow-sm sm:p-6">
      <div className="flex items-center gap-3">
        <span className="size-3 animate-pulse rounded-full bg-indigo-500 motion-reduce:animate-none" aria-hidden />
        <p className="font-semibold text-indigo-900">{what}</p>
        {/* Hidden from screen readers: a figure changing ten times a second is noise, not news. */}
        <span aria-hidden className="ml-auto font-mono tabular-nums text-indigo-900">
          {formatLatency(elapsed)}
        </span>
      </div>
      {share !== null && (
        <div className="mt-3 h-2 overflow-hidden rounded-full bg-indigo-100">
          <div className="h-full rounded-full bg-indigo-500" style={{ width: `${share * 100}%` }} />
        </div>
      )}
      <p className="mt-2 text-sm text-indigo-800">On a hit this would already be done; a miss pays the full cost.</p>
    </section>
  );
}
