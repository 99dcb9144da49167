import { formatLatency } from '@/lib/format';
import { CacheBadge } from './cache-badge';
import type { HistoryEntry } from './use-scenario-request';

/** This visitor's last requests, newest first: the hit/miss pattern at a glance. */
export function RequestHistory({ entries }: { entries: HistoryEntry[] }) {
  return (
    <section className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">Your last requests</h2>
      {entries.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">Nothing yet. Send the same input twice and compare the latency.</p>
      ) : (
        <ol className="mt-3 divide-y divide-slate-100" data-testid="history">
          {entries.map((entry) => (
            <li key={entry.id} className="flex items-center gap-3 py-2 text-sm">
              <CacheBadge status={entry.status} />
              <span className="min-w-0 flex-1 truncate font-mono text-slate-800" title={entry.label}>
                {entry.label}
              </span>
              <span className="tabular-nums font-semibold text-slate-900">{formatLatency(entry.latencyMs)}</span>
              <time className="hidden text-xs text-slate-500 sm:inline" dateTime={new Date(entry.at).toISOString()}>
                {new Date(entry.at).toLocaleTimeString()}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
