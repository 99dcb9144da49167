'use client';

import { useState } from 'react';
import type { RecentEvent, RedisInfo, StatsResponse } from '@/lib/contracts/dashboard';
import { HistogramChart } from './charts/histogram-chart';
import { HitRatioChart } from './charts/hit-ratio-chart';
import { PercentileChart } from './charts/percentile-chart';
import { ThroughputChart } from './charts/throughput-chart';
import { apiData } from '../api/client';
import { KeyBrowser } from './key-browser';
import { KpiCards } from './kpi-cards';
import { liveState } from './live-indicator';
import { LiveSummary } from './live-summary';
import { QuietNote } from './quiet-note';
import { quietWindow } from './quiet-window';
import { RecentRequests } from './recent-requests';
import { ExpiryPanel } from '../keylife/expiry-panel';
import { RedisPanel } from './redis-panel';
import type { ScenarioOption } from './scenario-select';
import { ScenarioTables } from './scenario-tables';
import { Toolbar, WINDOWS, type ViewSettings } from './toolbar';
import { useLive, useTabVisible } from './use-live';
import { useNow } from '../use-now';

const STATS_EVERY_MS = 1000;
const INFO_EVERY_MS = 3000;
/** "Right now" is the mean rate of the last few seconds: one-second bins jump around. */
const RECENT_SECONDS = 5;

/** The live dashboard: every figure polled once a second while the tab is visible. */
/** `traceUi`: TRACE_UI_URL, where a recent request's trace id links to (null: shown, not linked). */
export function Dashboard({ scenarios, cachePrefix, filterAutoPages, traceUi }: { scenarios: readonly ScenarioOption[]; cachePrefix: string; filterAutoPages: number; traceUi: string | null }) {
  const [view, setView] = useState<ViewSettings>({ windowSeconds: 60, scenario: '', includeSimulated: true, paused: false });
  const [resetNote, setResetNote] = useState<string | null>(null);
  const visible = useTabVisible();
  const source = view.includeSimulated ? 'all' : 'live';
  const statsQuery = new URLSearchParams({ window: String(view.windowSeconds), source, ...(view.scenario ? { scenario: view.scenario } : {}) });
  const stats = useLive<StatsResponse>(`/api/stats?${statsQuery}`, STATS_EVERY_MS, view.paused);
  const events = useLive<RecentEvent[]>(`/api/events?source=${source}`, STATS_EVERY_MS, view.paused);
  const info = useLive<RedisInfo>('/api/redis/info', INFO_EVERY_MS, view.paused);

  const live = liveState({ paused: view.paused, visible, hasData: stats.data !== undefined, error: stats.error });
  const windowLabel = WINDOWS.find((option) => option.value === view.windowSeconds)?.label ?? `${view.windowSeconds} s`;
  const data = stats.data?.data;
  const now = useNow(1000);
  const quiet = data ? quietWindow({ totalRequests: data.total.requests, throughput: data.throughput, events: events.data?.data ?? [], scenario: view.scenario, windowSeconds: view.windowSeconds, now }) : null;

  const reset = async () => {
    try {
      const { deleted } = await apiData<{ deleted: number }>('/api/stats/reset', { method: 'POST' });
      setResetNote(`Statistics reset (${deleted} metric keys deleted). Cached keys were kept.`);
      await Promise.all([stats.mutate(), events.mutate()]);
    } catch (error) {
      setResetNote((error as Error).message);
    }
  };

  return (
    <div className="space-y-5">
      <Toolbar view={view} onChange={setView} scenarios={scenarios} live={live} updatedAt={stats.data?.receivedAt ?? null} onReset={reset} />
      {resetNote && (
        <p role="status" className="rounded-lg bg-indigo-50 px-3 py-2 text-sm text-indigo-900">
          {resetNote}
        </p>
      )}
      {!data ? (
        <p className="rounded-2xl border border-slate-200 bg-white p-8 text-center text-lg text-slate-600 shadow-sm" role={stats.error ? 'alert' : undefined}>
          {stats.error ? (stats.error as Error).message : 'Loading the figures…'}
        </p>
      ) : (
        <>
          <LiveSummary total={data.total} />
          <KpiCards total={data.total} recent={data.throughput.slice(-Math.max(1, Math.round(RECENT_SECONDS / data.window.step)))} />
          {quiet && <QuietNote quiet={quiet} windowLabel={windowLabel} now={now} onWiden={(windowSeconds) => setView({ ...view, windowSeconds })} />}
          <div className="grid gap-4 lg:grid-cols-2">
            <ThroughputChart stats={data} windowLabel={windowLabel} />
            <HitRatioChart stats={data} windowLabel={windowLabel} />
            <PercentileChart stats={data} windowLabel={windowLabel} />
            <HistogramChart stats={data} windowLabel={windowLabel} />
          </div>
          <ScenarioTables scenarios={data.scenarios} total={data.total} />
        </>
      )}
      <KeyBrowser scenarios={scenarios} paused={view.paused} filterAutoPages={filterAutoPages} />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <RecentRequests events={events.data?.data} cachePrefix={cachePrefix} traceUi={traceUi} />
        <RedisPanel info={info.data?.data} app={data?.total} error={info.error as Error | undefined} />
      </div>
      <ExpiryPanel info={info.data?.data} />
    </div>
  );
}
