'use client';

import { formatAgo, formatClock } from '@/lib/shared/format';
import type { Quiet } from './quiet-window';
import { WINDOWS, type WindowSeconds } from './toolbar';

/** "No requests in the last 1 min. The last one came at 14:03:27 (4 min ago)." and the wider window in one click. */
export function QuietNote({ quiet, windowLabel, now, onWiden }: { quiet: Quiet; windowLabel: string; now: number; onWiden: (windowSeconds: WindowSeconds) => void }) {
  const wider = WINDOWS.find((option) => option.value === quiet.wider);
  return (
    <div data-testid="quiet-note" className="flex flex-wrap items-center gap-3 rounded-2xl border border-amber-300 bg-amber-50 px-4 py-3 text-base text-amber-950">
      <p className="min-w-0 flex-1">
        <strong>No requests in the last {windowLabel}</strong>, so the charts below are flat; the tiles count everything since the last reset.{' '}
        {quiet.lastAt === null ? 'The last request is older than the recent-requests list remembers.' : `The last request came at ${formatClock(quiet.lastAt)} (${formatAgo(now - quiet.lastAt)}).`}
      </p>
      {wider && (
        <button type="button" onClick={() => onWiden(wider.value)} className="rounded-lg bg-amber-800 px-3 py-2 text-base font-semibold text-white hover:bg-amber-700">
          Show the last {wider.label}
        </button>
      )}
    </div>
  );
}
