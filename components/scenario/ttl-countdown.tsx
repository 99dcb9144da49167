'use client';

import { formatCountdown, formatDateTime } from '@/lib/shared/format';
import { useNow } from '../use-now';

interface Props {
  /** ISO time the entry expires; null when nothing is cached. */
  expiresAt: string | null;
  /** The full lifetime, to size the draining bar (the TTL the entry was written with). */
  lifetimeMs: number | null;
  label?: string;
  /** `compact`: the time and a thin bar only, for lists such as the dashboard's key browser. */
  variant?: 'full' | 'compact';
}

/** A live countdown with a bar that drains to zero, then says "expired". */
export function TtlCountdown({ expiresAt, lifetimeMs, label = 'Expires in', variant = 'full' }: Props) {
  const now = useNow(1000);
  if (!expiresAt) return <p className="text-sm text-slate-600">Not cached: nothing to count down.</p>;
  const remaining = new Date(expiresAt).getTime() - now;
  const expired = remaining <= 0;
  const share = lifetimeMs && lifetimeMs > 0 ? Math.min(1, Math.max(0, remaining / lifetimeMs)) : 0;
  const time = (
    <span data-testid="ttl-countdown" className={`font-mono tabular-nums font-semibold ${expired ? 'text-rose-700' : 'text-slate-900'}`}>
      {expired ? 'expired' : formatCountdown(remaining)}
    </span>
  );
  if (variant === 'compact') {
    return (
      <div className="text-sm">
        {time}
        <DrainingBar share={share} thin />
      </div>
    );
  }
  return (
    <div>
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="text-slate-600">{label}</span>
        {time}
      </div>
      <DrainingBar share={share} />
      <p className="mt-1 text-sm text-slate-600">
        {expired ? 'Redis has dropped the entry: the next request is a miss.' : `at ${formatDateTime(expiresAt)} (your clock)`}
      </p>
    </div>
  );
}

function DrainingBar({ share, thin = false }: { share: number; thin?: boolean }) {
  return (
    <div className={`${thin ? 'mt-1 h-1.5' : 'mt-1.5 h-2'} overflow-hidden rounded-full bg-slate-200`} role="progressbar" aria-label="Time left before the entry expires" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)}>
      {/* scaleX, not width: the one-second glide runs on the compositor instead of re-laying out the page every frame. */}
      <div className="h-full origin-left rounded-full bg-indigo-500 transition-transform duration-1000 ease-linear" style={{ transform: `scaleX(${share})` }} />
    </div>
  );
}
