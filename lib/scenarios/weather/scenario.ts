import 'server-only';
import { z } from 'zod';
import type { CachedResult } from '../../cache';
import { env } from '../../core/env';
import { ApiError } from '../../core/errors';
import { nextMidnight } from '../../shared/midnight';
import { HOUR_MS, runScenario, simulateWork, type RunOptions, type Scenario } from '../scenario';
import { WEATHER_STRATEGIES, weatherValue, type WeatherStrategy, type WeatherValue } from '../../contracts/weather';
import { CITIES, findCity, suggestCity, type City } from './cities';
import { forecast7Days, todayIn } from './forecast';

const slugs = CITIES.map((city) => city.slug) as [string, ...string[]];
export const weatherInput = z.strictObject({ city: z.enum(slugs), strategy: z.enum(WEATHER_STRATEGIES) });
export type WeatherInput = z.output<typeof weatherInput>;

/**
 * A 7-day forecast from a simulated upstream API. The same forecast is cached twice so the
 * two expiry strategies can be compared: `weather:ttl:<city>` lives WEATHER_TTL_HOURS from
 * whenever it was fetched (so after midnight it may start yesterday), `weather:daily:<city>`
 * ends with the day it describes.
 */
export const weatherScenario: Scenario<WeatherInput, WeatherValue> = {
  id: 'weather',
  title: '7-day weather forecast',
  page: { path: '/weather', label: 'Weather', blurb: 'Two expiries side by side: a 24-hour TTL that serves yesterday’s forecast, and one that ends at midnight.' },
  namespace: 'weather',
  input: weatherInput,
  keyOf: ({ strategy, city }) => `weather:${strategy}:${city}`,
  expiryOf: ({ strategy }, now) =>
    strategy === 'ttl' ? { ttlMs: env.WEATHER_TTL_HOURS * HOUR_MS } : { expireAt: nextMidnight(now, env.CACHE_TZ) },
  compute: async ({ city }) => {
    await simulateWork(env.WEATHER_DELAY_MS);
    const startDate = todayIn(env.CACHE_TZ);
    return { city, startDate, fetchedAt: new Date().toISOString(), days: forecast7Days(cityBySlug(city), startDate) };
  },
  value: weatherValue,
  // Cities in list order as popularity ranks; the day-aligned copy is the one worth caching.
  sampleInput: (rank) => ({ city: slugs[rank % slugs.length] ?? 'paris', strategy: 'daily' }),
  sampleSize: slugs.length,
};

/** Both strategies for one city, fetched in parallel. */
export async function forecastBoth(city: City, options: RunOptions = {}): Promise<Record<WeatherStrategy, CachedResult<WeatherValue>>> {
  const run = (strategy: WeatherStrategy) => runScenario(weatherScenario, { city: city.slug, strategy }, options);
  const [ttl, daily] = await Promise.all([run('ttl'), run('daily')]);
  return { ttl, daily };
}

/** What GET /api/weather/{city} answers besides the cache verdicts: the city, its calendar day, both forecasts. */
export function weatherData(city: City, results: Record<WeatherStrategy, CachedResult<WeatherValue>>) {
  const { slug, name, country, lat, lon } = city;
  return { city: { slug, name, country, lat, lon }, ...cacheDay(), forecasts: { ttl: results.ttl.value, daily: results.daily.value } };
}

/** A city by slug or name ("São Paulo", "sao-paulo"), or a 404 that suggests the closest one. */
export function cityOrNotFound(raw: string): City {
  const city = findCity(raw);
  if (city) return city;
  const suggestion = suggestCity(raw);
  const shown = raw.length > 64 ? `${raw.slice(0, 64)}…` : raw;
  const hint = suggestion ? ` Did you mean “${cityBySlug(suggestion).name}” (${suggestion})?` : ' GET /api/weather lists the cities.';
  throw new ApiError(404, 'unknown_city', `There is no forecast for “${shown}”.${hint}`);
}

/** The calendar day that day-aligned entries belong to. */
function cacheDay(now = Date.now()) {
  return { timeZone: env.CACHE_TZ, today: todayIn(env.CACHE_TZ, new Date(now)), dayEndsAt: new Date(nextMidnight(now, env.CACHE_TZ)).toISOString() };
}

export function cityList() {
  return CITIES.map(({ slug, name, country }) => ({ slug, name, country }));
}

function cityBySlug(slug: string): City {
  const city = findCity(slug);
  if (!city) throw new Error(`not a city slug: ${slug}`);
  return city;
}
