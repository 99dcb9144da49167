'use client';

import { useNow } from '../use-now';
import { ApiRequestError } from '../api/client';

export type LiveState = 'connecting' | 'live' | 'paused' | 'hidden' | 'redis-down' | 'unreachable';

/** The one thing a room should see at a glance: are these numbers moving right now? */
export function liveState({ paused, visible, hasData, error }: { paused: boolean; visible: boolean; hasData: boolean; error: unknown }): LiveState {
  if (paused) return 'paused';
  if (!visible) return 'hidden';
  if (error instanceof ApiRequestError && error.code === 'redis_unavailable') return 'redis-down';
  if (error) return 'unreachable';
  return hasData ? 'live' : 'connecting';
}

/** `ping`: a ripple behind the dot while something is happening (data flowing, or an outage). */
const LOOK: Record<LiveState, { label: string; dot: string; ping?: string; pill: string }> = {
  connecting: { label: 'Connecting…', dot: 'bg-slate-400', pill: 'bg-slate-100 text-slate-700 ring-slate-300' },
  live: { label: 'Live', dot: 'bg-emerald-500', ping: 'bg-emerald-400', pill: 'bg-emerald-50 text-emerald-800 ring-emerald-300' },
  paused: { label: 'Paused', dot: 'bg-amber-500', pill: 'bg-amber-50 text-amber-900 ring-amber-300' },
  hidden: { label: 'Paused (tab hidden)', dot: 'bg-amber-500', pill: 'bg-amber-50 text-amber-900 ring-amber-300' },
  'redis-down': { label: 'Redis down', dot: 'bg-white', ping: 'bg-rose-200', pill: 'bg-rose-600 text-white ring-rose-700' },
  unreachable: { label: 'Server unreachable', dot: 'bg-white', ping: 'bg-rose-200', pill: 'bg-rose-600 text-white ring-rose-700' },
};

export function LiveIndicator({ state, updatedAt }: { state: LiveState; updatedAt: number | null }) {
  const now = useNow(1000);
  const look = LOOK[state];
  const age = updatedAt === null ? null : Math.max(0, Math.round((now - updatedAt) / 1000));
  return (
    <div role="status" aria-live="polite" data-testid="live-indicator" data-state={state} className={`inline-flex items-center gap-2.5 rounded-full px-4 py-2 ring-1 ${look.pill}`}>
      <span className="relative flex size-3" aria-hidden>
        {look.ping && <span className={`absolute inline-flex size-full animate-ping rounded-full opacity-75 ${look.ping}`} />}
        <span className={`relative inline-flex size-3 rounded-full ${look.dot}`} />
      </span>
      <span className="text-base font-bold uppercase tracking-wide">{look.label}</span>
      {/* The age ticks every second: shown, not announced (the state itself is). */}
      {age !== null && state !== 'live' && state !== 'connecting' && <span aria-hidden className="text-sm">· figures from {age} s ago</span>}
    </div>
  );
}
