'use client';

import { useEffect, useState } from 'react';
import useSWR from 'swr';
import { Panel } from '@/components/dashboard/panel';
import { fetchReceived } from '@/components/dashboard/fetch-data';
import { errorText } from '@/components/api/client';
import type { NextEntriesResponse, NextEntry, NextEvent } from '@/lib/contracts/next-cache';
import { formatBytes, formatClock, formatCountdown } from '@/lib/shared/format';

type Listing = NextEntriesResponse['data'];

const KIND_LABEL: Record<NextEntry['kind'], string> = { 'use-cache': "'use cache'", page: 'page', route: 'route', fetch: 'fetch' };
const EVENT_TONE: Record<NextEvent['type'], string> = {
  stored: 'bg-indigo-100 text-indigo-900',
  regenerated: 'bg-indigo-100 text-indigo-900',
  'stale-served': 'bg-amber-100 text-amber-900',
  'tag-invalidated': 'bg-violet-100 text-violet-900',
  'store-failed': 'bg-rose-100 text-rose-900',
};

/** A countdown to a server time, from when this browser received the listing (the two clocks never need to agree). */
function until(at: number | null, listing: { readAt: number }, receivedAt: number, now: number): string {
  if (at === null) return 'never';
  const left = at - listing.readAt - (now - receivedAt);
  return left <= 0 ? 'passed' : `in ${formatCountdown(left)}`;
}

/** Next's entries in Redis and its events, polled every second. */
export function EntriesView() {
  const { data, error } = useSWR('/api/next-cache/entries', fetchReceived<Listing>, { refreshInterval: 1000 });
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  if (error && !data) return <p role="alert" className="rounded-lg bg-rose-50 p-3 text-rose-900">The entries could not be read: {errorText(error)}</p>;
  if (!data) return <p role="status" className="text-slate-600">Reading Next&apos;s entries in Redis…</p>;
  const { entries, events, truncated, instance } = data.data;
  return (
    <div className="grid gap-6">
      <Panel
        title={`Entries in Redis (${entries.length}${truncated ? '+' : ''})`}
        subtitle={<>Listed by <code className="font-mono">{instance}</code>; countdowns run in this tab between reads, once a second.</>}
        testId="next-entries"
      >
        {error && <p className="mb-2 text-sm text-rose-800">The last read failed ({errorText(error)}): showing the one before.</p>}
        {entries.length === 0 ? (
          <p className="text-slate-700">None yet: open the weather or leaderboard page, whose cached sections are stored here.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {entries.map((entry) => (
              <li key={entry.redisKey} data-testid="next-entry" data-kind={entry.kind} className="grid gap-1 py-3 text-sm sm:grid-cols-[7rem_minmax(0,1fr)_16rem] sm:gap-4">
                <div>
                  <span className="rounded bg-slate-100 px-2 py-0.5 font-mono text-xs font-semibold text-slate-800">{KIND_LABEL[entry.kind]}</span>
                  {entry.tagState !== 'fresh' && (
                    <span className="ml-1 rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">tag {entry.tagState}</span>
                  )}
                  <p className="mt-1 text-slate-600">{formatBytes(entry.sizeBytes)}</p>
                </div>
                <div className="min-w-0">
                  <p className="truncate font-mono text-slate-900" title={entry.key}>
                    {entry.key}
                  </p>
                  <p className="break-words text-slate-700">
                    Tags: <span className="font-mono">{entry.tags.length > 0 ? entry.tags.join(', ') : 'none'}</span>
                  </p>
                  <p className="text-slate-600">
                    Written at {formatClock(entry.createdAt)} by <code className="font-mono">{entry.instance}</code>
                  </p>
                </div>
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-slate-700">
                  <dt>Stale</dt>
                  <dd className="font-mono">{until(entry.revalidateAt, data.data, data.receivedAt, now)}</dd>
                  <dt>Expires</dt>
                  <dd className="font-mono">{until(entry.expireAt, data.data, data.receivedAt, now)}</dd>
                  <dt>Redis TTL</dt>
                  <dd className="font-mono">{until(entry.redisExpireAt, data.data, data.receivedAt, now)}</dd>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel title="Events" subtitle="Every instance's, newest first: stored, served stale, regenerated, tags invalidated." testId="next-events">
        {events.length === 0 ? (
          <p className="text-slate-700">No event yet.</p>
        ) : (
          <ol className="grid gap-2 text-sm">
            {events.map((event) => (
              <li key={event.id} className="grid gap-1 sm:grid-cols-[5rem_9rem_minmax(0,1fr)] sm:gap-3">
                <time className="font-mono text-slate-600" dateTime={new Date(event.at).toISOString()}>
                  {formatClock(event.at)}
                </time>
                <span>
                  <span className={`rounded px-2 py-0.5 text-xs font-semibold ${EVENT_TONE[event.type]}`}>{event.type}</span>
                </span>
                <span className="min-w-0 break-words text-slate-800">
                  {event.key ? <span className="font-mono">{event.key.length > 80 ? `${event.key.slice(0, 80)}…` : event.key}</span> : null}
                  {event.tags.length > 0 && <> tags <span className="font-mono">{event.tags.join(', ')}</span></>} · {event.detail} ·{' '}
                  <code className="font-mono text-slate-600">{event.instance}</code>
                </span>
              </li>
            ))}
          </ol>
        )}
      </Panel>
    </div>
  );
}
