import type { Metadata } from 'next';
import { PageIntro } from '@/components/page-intro';
import { WeatherLab } from '@/components/weather-lab';
import { env } from '@/lib/core/env';
import { formatLatency } from '@/lib/shared/format';
import { HOUR_MS } from '@/lib/scenarios/scenario';
import { CITIES, findCity } from '@/lib/scenarios/weather/cities';
import { cityList } from '@/lib/scenarios/weather/scenario';
import { CachedForecast } from './cached-forecast';
import { Suspense } from 'react';
import { CitySwitch } from './city-switch';
import { connection } from 'next/server';

export const metadata: Metadata = { title: 'Weather forecast' };

export default async function WeatherPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Settings are read at request time (cacheComponents would otherwise bake them in at build).
  await connection();
  const asked = (await searchParams).city;
  const city = (typeof asked === 'string' ? findCity(asked) : null) ?? CITIES[0]!;
  return (
    <>
      <PageIntro eyebrow="Scenario 4" title="7-day weather forecast">
        <p>
          A forecast API that answers in {formatLatency(env.WEATHER_DELAY_MS)} (simulated upstream latency). Each answer is cached twice, to
          compare two expiries: <code className="font-mono">weather:ttl:&lt;city&gt;</code> for a sliding {env.WEATHER_TTL_HOURS} h, and{' '}
          <code className="font-mono">weather:daily:&lt;city&gt;</code> until the next midnight ({env.CACHE_TZ}).
        </p>
        <p>
          A forecast starts “today”, so it goes out of date at midnight, not 24 hours after it was fetched. The TTL copy, fetched in the afternoon,
          still answers the next morning with a forecast that starts yesterday; the daily copy expires with its day. Day-aligned data wants a
          day-aligned expiry.
        </p>
      </PageIntro>
      <WeatherLab
        cities={cityList()}
        delayMs={env.WEATHER_DELAY_MS}
        ttlHours={env.WEATHER_TTL_HOURS}
        ttlMs={env.WEATHER_TTL_HOURS * HOUR_MS}
        timeZone={env.CACHE_TZ}
      />
      <CitySwitch cities={cityList()} current={city.slug} />
      <Suspense fallback={<p className="mt-8 text-sm text-slate-600" role="status">Rendering the cached forecast section: a miss waits for the upstream…</p>}>
        <CachedForecast city={city} />
      </Suspense>
    </>
  );
}
