import { z } from 'zod';
import { ok, route } from '@/lib/http/handler';
import { invalidateEntries, lookupOptions, scenarioQuery, scenarioResponses } from '@/lib/http/scenario-response';
import type { NextResponse } from 'next/server';
import { WEATHER_STRATEGIES, type WeatherReport } from '@/lib/contracts/weather';
import { cityOrNotFound, forecastBoth, weatherData, weatherScenario } from '@/lib/scenarios/weather/scenario';

const params = z.object({ city: z.string().transform((raw) => cityOrNotFound(raw)) });

/** Both strategies in one answer; X-Cache and Server-Timing list them in order: ttl, daily. */
export const GET = route({ limit: 'compute', query: scenarioQuery, params }, async (lookup) => {
  const { city } = lookup.params;
  const results = await forecastBoth(city, lookupOptions(lookup));
  const report: NextResponse<WeatherReport> = scenarioResponses(weatherData(city, results), results);
  return report;
});

const deleteQuery = z.strictObject({ strategy: z.enum(WEATHER_STRATEGIES).optional() });

/** Invalidates both keys of a city, or one with `?strategy=ttl|daily`. */
export const DELETE = route({ admin: true, limit: 'admin', query: deleteQuery, params }, async ({ query: { strategy }, params: { city } }) => {
  const strategies = strategy ? [strategy] : WEATHER_STRATEGIES;
  return ok(await invalidateEntries(weatherScenario, strategies.map((chosen) => ({ city: city.slug, strategy: chosen }))));
});
