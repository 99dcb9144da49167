'use client';

import type { CacheMeta } from '@/lib/contracts/scenario';
import { formatSpan } from '@/lib/shared/format';
import type { WeatherValue } from '@/lib/contracts/weather';
import { MidnightRefresh } from '../scenario/midnight-refresh';

const longDay = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });
const dateLabel = (isoDate: string) => longDay.format(new Date(`${isoDate}T00:00:00Z`));

interface TtlProps {
  forecast: WeatherValue;
  cache: CacheMeta;
  today: string;
  dayEndsAt: string;
}

/** The sliding TTL's flaw, made visible: after midnight it may serve a forecast that starts yesterday. */
export function TtlNote({ forecast, cache, today, dayEndsAt }: TtlProps) {
  if (forecast.startDate < today) {
    return (
      <p role="status" data-testid="starts-yesterday" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-600/30">
        <strong className="font-semibold">Stale: starts yesterday.</strong> This copy was fetched on {dateLabel(forecast.startDate)} and its TTL
        runs on regardless: a fixed lifetime does not know that the day changed.
      </p>
    );
  }
  if (!cache.expiresAt) return <p className="rounded-lg bg-slate-50 p-3 text-sm text-slate-700">Not cached: this answer came straight from the API.</p>;
  const overlapMs = Date.parse(cache.expiresAt) - Date.parse(dayEndsAt);
  return (
    <p className="rounded-lg bg-slate-50 p-3 text-sm text-slate-700">
      Starts today, as it should.{' '}
      {overlapMs > 0
        ? `But it outlives the day: from midnight until it expires it will start yesterday, ${formatSpan(overlapMs)} of out-of-date forecast.`
        : 'It expires before midnight, so it never starts yesterday.'}
    </p>
  );
}

/** The day-aligned expiry: gone at midnight with the day it describes. */
export function DailyNote({ cache, timeZone }: { cache: CacheMeta; timeZone: string }) {
  return (
    <div className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900">
      <p>Ends with the day it describes, so it never starts yesterday.</p>
      {cache.expiresAt && <MidnightRefresh at={cache.expiresAt} timeZone={timeZone} verb="Expires" />}
    </div>
  );
}
