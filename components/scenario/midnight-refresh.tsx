'use client';

import { formatClock, formatSpan } from '@/lib/shared/format';
import { useNow } from '../use-now';

/** "Refreshes at 00:00 Europe/Paris (in 5 h 12 min)": an absolute expiry told as a wall-clock time in CACHE_TZ. */
export function MidnightRefresh({ at, timeZone, verb = 'Refreshes' }: { at: string; timeZone: string; verb?: string }) {
  const now = useNow(1000);
  const clock = formatClock(at, { seconds: false, timeZone });
  const remaining = Date.parse(at) - now;
  return (
    <p className="text-sm text-slate-700" data-testid="midnight-refresh">
      {verb} at <strong className="font-mono whitespace-nowrap text-slate-900">{clock}</strong> ({remaining > 0 ? `in ${formatSpan(remaining)}` : 'now'}): midnight there.
    </p>
  );
}
