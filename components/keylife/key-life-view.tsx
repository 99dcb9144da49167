'use client';

import useSWR from 'swr';
import { useState } from 'react';
import type { KeyEvent, KeyTimeline } from '@/lib/features/keylife/types';
import { ApiRequestError } from '../api/client';
import { fetchReceived } from '../dashboard/fetch-data';
import { useNow } from '../use-now';
import { EVENT_LABELS, eventDetail, seconds } from './describe';
import { useKeyEvents } from './key-events';
import { ExpiryExplainer } from './expiry-explainer';
import { NotificationNotice } from './notification-notice';

const TONE: Record<KeyEvent['type'], string> = {
  stored: 'bg-indigo-100 text-indigo-900',
  overwritten: 'bg-indigo-100 text-indigo-900',
  hit: 'bg-emerald-100 text-emerald-900',
  'ttl-zero': 'bg-amber-100 text-amber-900',
  expired: 'bg-rose-100 text-rose-900',
  evicted: 'bg-rose-100 text-rose-900',
  deleted: 'bg-rose-100 text-rose-900',
  expire: 'bg-slate-100 text-slate-800',
  'tag-invalidated': 'bg-amber-100 text-amber-900',
  'stale-served': 'bg-amber-100 text-amber-900',
  regenerated: 'bg-indigo-100 text-indigo-900',
};

/** One key's life: its state now, every event so far (pushed live), and lazy vs active expiry in its own numbers. */
export function KeyLifeView({ fullKey }: { fullKey: string }) {
  const url = `/api/keys/timeline?key=${encodeURIComponent(fullKey)}`;
  const { data, error, mutate } = useSWR(url, fetchReceived<KeyTimeline>, { refreshInterval: 10_000 });
  const [gap, setGap] = useState<string | null>(null);
  // The pushed event says what happened at once; the timeline (re-read) follows with the details.
  const [pushed, setPushed] = useState<KeyEvent | null>(null);
  const onEvent = (event: KeyEvent) => {
    setPushed(event);
    void mutate();
  };
  const stream = useKeyEvents({ onEvent, onGap: (missed) => { setGap(missed.message); void mutate(); } }, fullKey);
  const now = useNow(250);
  const timeline = data?.data;

  if (error) {
    const message = error instanceof ApiRequestError ? error.message : 'The server did not answer.';
    return <p role="alert" className="rounded-2xl border border-rose-200 bg-rose-50 p-5 text-rose-800">{message}</p>;
  }
  if (!timeline) return <p className="rounded-2xl border border-slate-200 bg-white p-8 text-center text-slate-600">Loading the key&apos;s life…</p>;

  return (
    <div className="space-y-5">
      <section className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <code data-testid="life-key" className="min-w-0 break-all rounded-lg bg-slate-900 px-3 py-2 font-mono text-sm text-emerald-300">{fullKey}</code>
          <span data-testid="stream-state" className={`rounded-full px-3 py-1 text-xs font-semibold ${stream === 'live' ? 'bg-emerald-100 text-emerald-900' : 'bg-amber-100 text-amber-900'}`}>
            {stream === 'live' ? 'Live: events are pushed' : stream === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
          </span>
        </div>
        <p data-testid="life-state" className="mt-4 text-xl font-bold text-slate-900">{stateLine(timeline, data.receivedAt, now, pushed)}</p>
        {gap && <p role="status" className="mt-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">{gap}</p>}
      </section>

      <NotificationNotice status={timeline.notifications} onChanged={() => void mutate()} />

      <section className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6" aria-label="Timeline">
        <h2 className="text-lg font-bold text-slate-900">Timeline</h2>
        <p className="text-sm text-slate-600">Oldest first; times are this server&apos;s clock. Kept until the key&apos;s expiry plus a margin.</p>
        {timeline.events.length === 0 ? (
          <p className="py-6 text-center text-slate-500">Nothing recorded for this key yet. Send a request from its scenario page.</p>
        ) : (
          <ol data-testid="timeline" className="mt-3 divide-y divide-slate-100">
            {timeline.events.map((event, index) => (
              <li key={`${event.at}-${event.type}-${index}`} data-type={event.type} className="flex flex-col gap-1 py-2.5 sm:flex-row sm:items-center sm:gap-4">
                <time className="font-mono text-xs text-slate-500 tabular-nums sm:w-28" dateTime={event.at}>{clock(event.at)}</time>
                <span className={`w-fit rounded-full px-2.5 py-0.5 text-xs font-semibold ${TONE[event.type]}`}>{EVENT_LABELS[event.type]}</span>
                <span className="min-w-0 text-sm break-words text-slate-700">
                  {eventDetail(event)}
                  {event.origin === 'redis' && <span className="text-slate-500"> · from Redis&apos; notification</span>}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <ExpiryExplainer events={timeline.events} notifications={timeline.notifications} />
    </div>
  );
}

const GONE = new Set<KeyEvent['type']>(['expired', 'evicted', 'deleted']);

function stateLine(timeline: KeyTimeline, receivedAt: number, now: number, pushed: KeyEvent | null): string {
  const recorded = timeline.events.findLast((event) => event.type !== 'hit' && event.type !== 'expire');
  const newer = pushed !== null && GONE.has(pushed.type) && (!recorded || Date.parse(pushed.at) > Date.parse(recorded.at));
  const last = newer ? pushed : recorded;
  if (timeline.exists && !newer) {
    if (timeline.ttlMs === null) return 'In the cache, with no TTL.';
    const left = receivedAt + timeline.ttlMs - now;
    if (left > 0) return `In the cache: its TTL reaches zero in ${seconds(left)}.`;
    return `TTL reached zero ${seconds(-left)} ago, not yet removed by Redis.`;
  }
  if (!last) return 'Not in the cache.';
  if (last.type === 'ttl-zero') return `TTL reached zero ${seconds(Math.max(0, now - Date.parse(last.at)))} ago; Redis has removed it, the notification is on its way.`;
  if (last.type === 'expired') return last.lagMs === undefined ? 'Expired: Redis removed it.' : `Expired: Redis removed it ${seconds(last.lagMs)} after its TTL reached zero.`;
  if (last.type === 'evicted') return 'Evicted: Redis removed it to free memory.';
  if (last.type === 'deleted') return `Deleted (${last.by ?? 'DEL'}).`;
  return 'Not in the cache.';
}

const clock = (iso: string) => {
  const at = new Date(iso);
  return `${at.toLocaleTimeString([], { hour12: false })}.${String(at.getMilliseconds()).padStart(3, '0')}`;
};
