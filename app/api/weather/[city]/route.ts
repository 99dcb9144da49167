import { NextResponse } from 'next/server';
import { z } from 'zod';
import { invalidate } from '@/lib/cache';
import { cacheKey } from '@/lib/cache/keys';
import { requireAdmin } from '@/lib/http/admin';
import { route } from '@/lib/http/handler';
import { limitRequest } from '@/lib/http/rate-limit';
import { cacheHeaders, scenarioRunOptions } from '@/lib/http/scenario-response';
import { parseQuery } from '@/lib/http/validate';
import { cityOrNotFound, forecastBoth, WEATHER_STRATEGIES, weatherReport, weatherScenario } from '@/lib/scenarios/weather/scenario';

type Context = { params: Promise<{ city: string }> };

/** Both strategies in one answer; X-Cache and Server-Timing list them in order: ttl, daily. */
export const GET = route<Context>(async (request, { params }) => {
  await limitRequest(request, 'scenario');
  const city = cityOrNotFound((await params).city);
  const results = await forecastBoth(city, scenarioRunOptions(request));
  return NextResponse.json(weatherReport(city, results), { headers: cacheHeaders([results.ttl, results.daily]) });
});

const deleteQuery = z.strictObject({ strategy: z.enum(WEATHER_STRATEGIES).optional() });

/** Invalidates both keys of a city, or one with `?strategy=ttl|daily`. */
export const DELETE = route<Context>(async (request, { params }) => {
  await limitRequest(request, 'admin');
  requireAdmin(request);
  const city = cityOrNotFound((await params).city);
  const { strategy } = parseQuery(request, deleteQuery);
  const keys = (strategy ? [strategy] : WEATHER_STRATEGIES).map((chosen) => weatherScenario.keyOf({ city: city.slug, strategy: chosen }));
  const deleted = await Promise.all(keys.map((key) => invalidate(key)));
  return NextResponse.json({ data: { keys: keys.map((key) => cacheKey(key)), deleted: deleted.some(Boolean) } });
});
