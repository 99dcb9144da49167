'use client';

import { useState, type FormEvent } from 'react';
import { DAY_MS } from '@/lib/shared/midnight';
import type { WeatherReport, WeatherStrategy } from '@/lib/contracts/weather';
import { BypassToggle } from './scenario/bypass-toggle';
import { useTtlChoice } from './scenario/ttl-choice';
import { ErrorNotice } from './scenario/error-notice';
import { FIELD_CLASS, FormCard, PrimaryButton } from './scenario/form-card';
import { PendingPanel } from './scenario/pending-panel';
import { RequestHistory } from './scenario/request-history';
import { ResultPanel } from './scenario/result-panel';
import { invalidateEntry, useScenarioRequest, type Summarise } from './scenario/use-scenario-request';
import { apiBody } from './api/client';
import { ForecastDays } from './weather/forecast-days';
import { DailyNote, TtlNote } from './weather/strategy-notes';

interface Props {
  cities: ReadonlyArray<{ slug: string; name: string; country: string }>;
  delayMs: number;
  ttlHours: number;
  ttlMs: number;
  timeZone: string;
}

/** One response, two lookups: the history shows both. */
const bothLookups: Summarise<WeatherReport> = (report, label) => [
  { label: `TTL · ${label}`, status: report.cache.ttl.status, latencyMs: report.cache.ttl.latencyMs },
  { label: `daily · ${label}`, status: report.cache.daily.status, latencyMs: report.cache.daily.latencyMs },
];

export function WeatherLab({ cities, delayMs, ttlHours, ttlMs, timeZone }: Props) {
  const [city, setCity] = useState('paris');
  const [bypass, setBypass] = useState(false);
  const ttl = useTtlChoice('24 h TTL and midnight');
  const [notes, setNotes] = useState<Partial<Record<WeatherStrategy, string>>>({});
  // Each panel is invalidated on its own: weather answers two lookups at once.
  const [gone, setGone] = useState<ReadonlySet<WeatherStrategy>>(new Set());
  const { state, history, run } = useScenarioRequest<never, WeatherReport>('weather', bothLookups);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotes({});
    setGone(new Set());
    const name = cities.find((candidate) => candidate.slug === city)?.name ?? city;
    void run(name, () => apiBody<WeatherReport>(`/api/weather/${encodeURIComponent(city)}${ttl.query(bypass)}`));
  };

  const invalidate = (strategy: WeatherStrategy) => {
    if (state.phase !== 'done') return;
    const url = `/api/weather/${state.response.data.city.slug}?strategy=${strategy}`;
    void invalidateEntry(url).then((result) => {
      setNotes((previous) => ({ ...previous, [strategy]: result.note }));
      if (result.gone) setGone((previous) => new Set(previous).add(strategy));
    });
  };

  const report = state.phase === 'done' ? state.response : null;
  return (
    // One grid so that on phones the history can move below the results (order-last).
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <FormCard onSubmit={submit} label="City" htmlFor="city">
        <div className="mt-2 flex flex-col gap-3 sm:flex-row">
          <select
            id="city"
            value={city}
            onChange={(event) => setCity(event.target.value)}
            className={`min-w-0 flex-1 bg-white ${FIELD_CLASS}`}
          >
            {cities.map((option) => (
              <option key={option.slug} value={option.slug}>
                {option.name}, {option.country}
              </option>
            ))}
          </select>
          <PrimaryButton disabled={state.phase === 'loading'}>Get the forecast</PrimaryButton>
        </div>
        <BypassToggle checked={bypass} onChange={setBypass} />
        {ttl.control}
      </FormCard>
      <div className="order-last min-w-0 lg:order-none">
        <RequestHistory entries={history} />
      </div>

      {state.phase === 'loading' && (
        <div className="min-w-0 lg:col-span-2">
          <PendingPanel startedAt={state.startedAt} expectedMs={delayMs} what={`Calling the weather API for ${state.label} (simulated upstream latency)…`} />
        </div>
      )}
      {state.phase === 'error' && (
        <div className="min-w-0 lg:col-span-2">
          <ErrorNotice message={state.message} />
        </div>
      )}
      {report && (
        <div className="grid min-w-0 grid-cols-1 items-start gap-6 lg:col-span-2 lg:grid-cols-2">
          <ResultPanel
            title={`Sliding TTL · ${ttlHours} h`}
            cache={report.cache.ttl}
            lifetimeMs={ttlMs}
            computeLabel="Upstream API (simulated)"
            waitedMs={state.phase === 'done' ? state.waitedMs : undefined}
            onInvalidate={() => invalidate('ttl')}
            invalidateNote={notes.ttl}
            invalidated={gone.has('ttl')}
          >
            <TtlNote forecast={report.data.forecasts.ttl} cache={report.cache.ttl} today={report.data.today} dayEndsAt={report.data.dayEndsAt} />
            <div className="mt-3">
              <ForecastDays days={report.data.forecasts.ttl.days} today={report.data.today} />
            </div>
          </ResultPanel>
          <ResultPanel
            title="Until midnight"
            cache={report.cache.daily}
            lifetimeMs={DAY_MS}
            computeLabel="Upstream API (simulated)"
            waitedMs={state.phase === 'done' ? state.waitedMs : undefined}
            onInvalidate={() => invalidate('daily')}
            invalidateNote={notes.daily}
            invalidated={gone.has('daily')}
          >
            <DailyNote cache={report.cache.daily} timeZone={timeZone} />
            <div className="mt-3">
              <ForecastDays days={report.data.forecasts.daily.days} today={report.data.today} />
            </div>
          </ResultPanel>
        </div>
      )}
    </div>
  );
}
