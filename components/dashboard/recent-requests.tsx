'use client';

import { useState } from 'react';
import type { RecentEvent } from '@/lib/contracts/dashboard';
import { keyLifeHref } from '../keylife/describe';
import { RequestRows } from '../scenario/request-history';
import { Panel } from './panel';

/**
 * The last cache operations across scenarios, newest first; rows that just arrived glow for a moment.
 * A traced request shows its trace id, linked to `traceUi` (TRACE_UI_URL with `{traceId}`) when set.
 */
export function RecentRequests({ events, cachePrefix, traceUi }: { events: RecentEvent[] | undefined; cachePrefix: string; traceUi: string | null }) {
  // Rows new since the previous poll are tinted until the next one; on the first render nothing is "new".
  const [shown, setShown] = useState(events);
  const [previous, setPrevious] = useState<ReadonlySet<string> | null>(null);
  if (events !== shown) {
    setShown(events);
    setPrevious(shown ? new Set(shown.map((event) => event.id)) : null);
  }
  const rows = (events ?? []).map((event) => ({
    id: event.id,
    at: event.t,
    label: event.key.startsWith(cachePrefix) ? event.key.slice(cachePrefix.length) : event.key,
    status: event.status,
    latencyMs: event.ms,
    detail: `${event.scenario}${event.source === 'sim' ? ' · simulated' : ''}`,
    fresh: previous !== null && !previous.has(event.id),
    href: keyLifeHref(event.key),
    trace: event.traceId === undefined ? undefined : { id: event.traceId, href: traceUi === null ? null : traceUi.replaceAll('{traceId}', event.traceId) },
  }));
  return (
    <Panel testId="recent-requests" title="Recent requests" subtitle={`The last ${rows.length} cache operations across all scenarios (a capped Redis stream).`}>
      {rows.length === 0 ? (
        <p className="py-6 text-center text-base text-slate-600">No requests yet.</p>
      ) : (
        <div className="max-h-[30rem] overflow-y-auto">
          <RequestRows entries={rows} />
        </div>
      )}
    </Panel>
  );
}
