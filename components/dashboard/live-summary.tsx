'use client';

import { useState } from 'react';
import type { ScenarioFigures } from '@/lib/contracts/dashboard';
import { formatCount, formatLatency, formatPercent } from '@/lib/shared/format';
import { useNow } from '../use-now';

/** How often a screen reader hears the figures: every poll (1 s) would drown everything else. */
export const ANNOUNCE_EVERY_MS = 5000;

export function describeFigures(total: ScenarioFigures): string {
  const { hit, miss } = total.latency;
  const latency = hit.meanMs === null ? '' : ` Mean hit ${formatLatency(hit.meanMs)}${miss.meanMs === null ? '' : `, mean miss ${formatLatency(miss.meanMs)}`}.`;
  return `${formatCount(total.requests)} requests, hit ratio ${formatPercent(total.hitRatio)}.${latency}`;
}

/** The dashboard's headline figures for screen readers: a polite live region, refreshed at most every 5 s. */
export function LiveSummary({ total }: { total: ScenarioFigures }) {
  const tick = useNow(ANNOUNCE_EVERY_MS);
  const text = describeFigures(total);
  const [announced, setAnnounced] = useState({ tick, text });
  if (announced.tick !== tick) setAnnounced({ tick, text });
  return (
    <p aria-live="polite" className="sr-only" data-testid="live-summary">
      {announced.text}
    </p>
  );
}
