import { cacheLife, cacheTag } from 'next/cache';
import { CachedSection } from '@/components/next-cache/cached-section';
import { env } from '@/lib/core/env';
import { instanceName } from '@/lib/next-cache';
import { simulateWork } from '@/lib/scenarios/scenario';
import type { City } from '@/lib/scenarios/weather/cities';
import { forecast7Days, todayIn } from '@/lib/scenarios/weather/forecast';

/** Stale after 5 min (Next makes it again in the background), gone after an hour: seconds, as cacheLife takes them. */
const LIFE = { stale: 60, revalidate: 300, expire: 3600 };

/** The forecast as Next's `'use cache'` keeps it (on Redis): the same simulated upstream as the scenario, tagged per city. */
async function cachedForecast(city: City) {
  'use cache';
  cacheLife(LIFE);
  cacheTag('weather', `weather:${city.slug}`);
  await simulateWork(env.WEATHER_DELAY_MS);
  return { renderedAt: Date.now(), instance: instanceName(), days: forecast7Days(city, todayIn(env.CACHE_TZ)) };
}

export async function CachedForecast({ city }: { city: City }) {
  const { days, ...render } = await cachedForecast(city);
  return (
    <CachedSection title={`${city.name}: the forecast as a cached page section`} render={render} tags={['weather', `weather:${city.slug}`]} life={LIFE} servedBy={instanceName()}>
      <p className="text-sm text-slate-700">
        The first render waits for the upstream ({env.WEATHER_DELAY_MS} ms); every render after it, on any instance, reads the section from Redis until its
        tag is invalidated or its life ends.
      </p>
      <table className="mt-3 w-full text-left text-sm">
        <caption className="sr-only">7-day forecast for {city.name}</caption>
        <thead className="text-slate-600">
          <tr>
            <th scope="col" className="py-1 pr-3 font-semibold">Day</th>
            <th scope="col" className="py-1 pr-3 font-semibold">Sky</th>
            <th scope="col" className="py-1 pr-3 font-semibold">Min / max °C</th>
            <th scope="col" className="py-1 font-semibold">Rain (mm)</th>
          </tr>
        </thead>
        <tbody className="text-slate-900">
          {days.map((day) => (
            <tr key={day.date} className="border-t border-slate-100">
              <td className="py-1 pr-3 font-mono">{day.date}</td>
              <td className="py-1 pr-3">{day.condition.replace('-', ' ')}</td>
              <td className="py-1 pr-3">
                {day.tempMinC} / {day.tempMaxC}
              </td>
              <td className="py-1">{day.precipitationMm}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </CachedSection>
  );
}
