'use client';

import useSWR from 'swr';
import { useCallback, useState } from 'react';
import type { RedisInfo } from '@/lib/contracts/dashboard';
import type { KeyEvent, NotificationStatus } from '@/lib/features/keylife/types';
import { fetchReceived } from '../dashboard/fetch-data';
import { formatCount } from '@/lib/shared/format';
import { Panel } from '../dashboard/panel';
import { useNow } from '../use-now';
import { seconds } from './describe';
import { useKeyEvents } from './key-events';
import { bucketLabel, lagHistogram, quantile, ratePerSecond } from './lag-stats';

/** Removals remembered by this page (the rate windows and the lag distribution look at no more). */
const KEPT = 2000;
const RATE_WINDOW_MS = 10_000;

interface Seen {
  expired: number[];
  evicted: number[];
  lags: number[];
}

/**
 * Expiry and eviction as Redis does them: removals per second from the pushed notifications
 * (Cache Lab's keys, since this page opened) beside the server's own expired_keys / evicted_keys
 * (every key of the database, since Redis started), and how long after its TTL each key went.
 */
export function ExpiryPanel({ info }: { info: RedisInfo | undefined }) {
  const [seen, setSeen] = useState<Seen>({ expired: [], evicted: [], lags: [] });
  const onEvent = useCallback((event: KeyEvent) => {
    if (event.type !== 'expired' && event.type !== 'evicted') return;
    setSeen((current) => ({
      expired: event.type === 'expired' ? [...current.expired, Date.now()].slice(-KEPT) : current.expired,
      evicted: event.type === 'evicted' ? [...current.evicted, Date.now()].slice(-KEPT) : current.evicted,
      lags: event.lagMs === undefined ? current.lags : [...current.lags, event.lagMs].slice(-KEPT),
    }));
  }, []);
  const stream = useKeyEvents({ onEvent });
  const now = useNow(1000);
  const histogram = lagHistogram(seen.lags);
  const tallest = Math.max(1, ...histogram);
  const { data: status } = useSWR('/api/keys/notifications', fetchReceived<NotificationStatus>, { refreshInterval: 30_000 });
  const silent = status?.data.unavailable.includes('expired') ?? false;
  const p50 = quantile(seen.lags, 0.5);
  const p95 = quantile(seen.lags, 0.95);

  return (
    <Panel
      testId="expiry-panel"
      title="Expiry & eviction"
      subtitle={silent
        ? `${status!.data.message} The server's own counters still count.`
        : `Pushed by Redis' keyspace notifications (${stream === 'live' ? 'live' : 'connecting…'}): Cache Lab's keys since this page opened, beside the server's totals since it started.`}
    >
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <Figure label="Expired / s (last 10 s)" value={`${ratePerSecond(seen.expired, now, RATE_WINDOW_MS).toFixed(1)}/s`} note={`${formatCount(seen.expired.length)} seen`} />
        <Figure label="Evicted / s (last 10 s)" value={`${ratePerSecond(seen.evicted, now, RATE_WINDOW_MS).toFixed(1)}/s`} note={`${formatCount(seen.evicted.length)} seen`} />
        <Figure label="Server expired_keys" value={info?.expiredKeys == null ? 'not available' : formatCount(info.expiredKeys)} note="all keys, since start" />
        <Figure label="Server evicted_keys" value={info?.evictedKeys == null ? 'not available' : formatCount(info.evictedKeys)} note="all keys, since start" />
      </dl>
      <h3 className="mt-5 text-sm font-semibold tracking-wide text-slate-500 uppercase">Expiry lag: removed how long after the TTL reached zero</h3>
      {seen.lags.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No key has expired since this page opened. Store one with a 5 s TTL on a scenario page.</p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-600" data-testid="lag-summary">
            {formatCount(seen.lags.length)} {seen.lags.length === 1 ? 'key' : 'keys'} · median {seconds(p50!)} · p95 {seconds(p95!)} · max {seconds(Math.max(...seen.lags))}
          </p>
          <ul className="mt-2 space-y-1 text-sm" aria-label="Expiry-lag distribution">
            {histogram.map((count, index) => (
              <li key={index} className="grid grid-cols-[7.5rem_minmax(0,1fr)_3rem] items-center gap-2">
                <span className="text-slate-600 tabular-nums">{bucketLabel(index)}</span>
                <span className="h-3 rounded bg-slate-100">
                  <span className="block h-3 rounded bg-rose-400" style={{ width: `${(count / tallest) * 100}%` }} />
                </span>
                <span className="text-right font-semibold tabular-nums text-slate-900">{formatCount(count)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Panel>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <div className="rounded-lg bg-slate-50 px-3 py-2">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="font-semibold tabular-nums text-slate-900">{value}</dd>
      <dd className="text-xs text-slate-500">{note}</dd>
    </div>
  );
}
