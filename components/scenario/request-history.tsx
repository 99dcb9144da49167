import Link from 'next/link';
import { formatClock, formatLatency } from '@/lib/shared/format';
import { CacheBadge } from './cache-badge';
import type { HistoryEntry } from './use-scenario-request';

/** This visitor's last requests, newest first: the hit/miss pattern at a glance. */
export function RequestHistory({ entries }: { entries: HistoryEntry[] }) {
  return (
    <section className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-600">Your last requests</h2>
      {entries.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">Nothing yet. Send the same input twice and compare the latency.</p>
      ) : (
        <RequestRows entries={entries} className="mt-3" />
      )}
    </section>
  );
}

export interface RequestRow extends Omit<HistoryEntry, 'id'> {
  id: number | string;
  /** A second line under the label, e.g. the scenario. */
  detail?: string;
  /** Just arrived: tinted, fading out on the next render. */
  fresh?: boolean;
  /** Where the label links to (the key's life). */
  href?: string;
  /** The request's OpenTelemetry trace, and where to open it (TRACE_UI_URL), when the app traces. */
  trace?: { id: string; href: string | null };
}

/** Requests as rows of status, label and latency; shared by the scenario pages and the dashboard. */
export function RequestRows({ entries, className = '' }: { entries: RequestRow[]; className?: string }) {
  return (
    <ol className={`divide-y divide-slate-100 ${className}`} data-testid="history">
      {entries.map((entry) => (
        <li key={entry.id} className={`flex items-center gap-3 py-2 text-sm transition-colors duration-1000 ${entry.fresh ? 'bg-indigo-50' : ''}`}>
          <CacheBadge status={entry.status} />
          <span className="min-w-0 flex-1">
            {entry.href ? (
              <Link href={entry.href} className="block truncate font-mono text-indigo-800 hover:underline" title={`What happened to ${entry.label}`}>
                {entry.label}
              </Link>
            ) : (
              <span className="block truncate font-mono text-slate-800" title={entry.label}>
                {entry.label}
              </span>
            )}
            {/* On a phone the time column is hidden: it moves under the label. */}
            <span className={`block text-sm text-slate-600 ${entry.detail ? '' : 'sm:hidden'}`}>
              <span className="sm:hidden">
                {clock(entry.at)}
                {entry.detail && ' · '}
              </span>
              {entry.detail}
              {/* On a phone the trace id joins this line too, leaving the label its width. */}
              {entry.trace && (
                <span className="sm:hidden">
                  {' · '}
                  <TraceId trace={entry.trace} />
                </span>
              )}
            </span>
          </span>
          {entry.trace && (
            <span className="hidden shrink-0 sm:inline">
              <TraceId trace={entry.trace} />
            </span>
          )}
          <span className="tabular-nums font-semibold text-slate-900">{formatLatency(entry.latencyMs)}</span>
          <time className="hidden text-sm text-slate-600 tabular-nums sm:inline" dateTime={new Date(entry.at).toISOString()}>
            {clock(entry.at)}
          </time>
        </li>
      ))}
    </ol>
  );
}

const clock = (at: number) => formatClock(at);

/** The first 8 hex digits of a trace id, as trace UIs abbreviate it; the whole id in its title (and the link). */
function TraceId({ trace }: { trace: NonNullable<RequestRow['trace']> }) {
  const short = `trace ${trace.id.slice(0, 8)}`;
  const title = `OpenTelemetry trace ${trace.id}`;
  const className = 'font-mono text-xs';
  return trace.href ? (
    <a href={trace.href} target="_blank" rel="noreferrer" className={`${className} text-indigo-800 hover:underline`} title={title} data-testid="trace-id">
      {short}
    </a>
  ) : (
    <span className={`${className} text-slate-600`} title={title} data-testid="trace-id">
      {short}
    </span>
  );
}
