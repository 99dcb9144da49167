'use client';

import { useState } from 'react';
import type { RecentEvent } from '@/lib/dashboard-types';
import { formatLatency } from '@/lib/format';
import { CacheBadge } from '../scenario/cache-badge';
import { Panel } from './panel';

/** The last cache operations across scenarios, newest first; rows that just arrived glow for a moment. */
export function RecentRequests({ events, cachePrefix }: { events: RecentEvent[] | undefined; cachePrefix: string }) {
  // Rows new since the previous poll are highlighted until the next one; on the first render nothing is "new".
  const [shown, setShown] = useState(events);
  const [previous, setPrevious] = useState<ReadonlySet<string> | null>(null);
  if (events !== shown) {
    setShown(events);
    setPrevious(shown ? new Set(shown.map((event) => event.id)) : null);
  }
  return (
    <Panel testId="recent-requests" title="Recent requests" subtitle={`The last ${events?.length ?? 0} cache operations across all scenarios (a capped Redis stream).`}>
      {!events || events.length === 0 ? (
        <p className="py-6 text-center text-base text-slate-500">No requests yet.</p>
      ) : (
        <div className="max-h-[30rem] overflow-y-auto">
          <table className="w-full text-left text-sm">
            <thead className="sticky top-0 bg-white">
              <tr className="border-b border-slate-200 text-xs font-semibold tracking-wide text-slate-500 uppercase">
                <th scope="col" className="py-2 pr-2">Time</th>
                <th scope="col" className="px-2 py-2">Status</th>
                <th scope="col" className="px-2 py-2">Key</th>
                <th scope="col" className="py-2 pl-2 text-right">Latency</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id} className={`border-b border-slate-100 transition-colors duration-1000 ${previous && !previous.has(event.id) ? 'bg-indigo-50' : ''}`}>
                  <td className="py-1.5 pr-2 font-mono whitespace-nowrap text-slate-600 tabular-nums">{new Date(event.t).toLocaleTimeString()}</td>
                  <td className="px-2 py-1.5">
                    <CacheBadge status={event.status} />
                  </td>
                  <td className="max-w-0 px-2 py-1.5">
                    <span className="block truncate font-mono text-slate-900" title={`${event.key} · ${event.scenario} · ${event.source}`}>
                      {event.key.startsWith(cachePrefix) ? event.key.slice(cachePrefix.length) : event.key}
                    </span>
                    <span className="text-xs text-slate-500">
                      {event.scenario}
                      {event.source === 'sim' && ' · simulated'}
                    </span>
                  </td>
                  <td className="py-1.5 pl-2 text-right font-semibold whitespace-nowrap text-slate-900 tabular-nums">{formatLatency(event.ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
