/** GET /api/weather/{city}: both strategies' forecasts of one city, and how the cache served each. */
import { z } from 'zod';
import { cacheMetaSchema } from './scenario';

/** Two keys per city, side by side: a sliding TTL, and an expiry at the end of the day. */
export const WEATHER_STRATEGIES = ['ttl', 'daily'] as const;
export type WeatherStrategy = (typeof WEATHER_STRATEGIES)[number];

const day = z.object({
  date: z.string(),
  tempMinC: z.number(),
  tempMaxC: z.number(),
  precipitationMm: z.number(),
  condition: z.enum(['sunny', 'partly-cloudy', 'cloudy', 'rain', 'snow', 'storm']),
  windKph: z.number(),
});

export const weatherValue = z.object({
  city: z.string(),
  /** First day of the forecast (YYYY-MM-DD in CACHE_TZ): a copy that starts before today is out of date. */
  startDate: z.string(),
  fetchedAt: z.string(),
  days: z.array(day),
});
export type WeatherValue = z.output<typeof weatherValue>;

export const weatherReportSchema = z.strictObject({
  data: z.strictObject({
    city: z.strictObject({ slug: z.string(), name: z.string(), country: z.string(), lat: z.number(), lon: z.number() }),
    timeZone: z.string(),
    today: z.string(),
    dayEndsAt: z.iso.datetime(),
    forecasts: z.strictObject({ ttl: weatherValue, daily: weatherValue }),
  }),
  cache: z.strictObject({ ttl: cacheMetaSchema, daily: cacheMetaSchema }),
});
export type WeatherReport = z.output<typeof weatherReportSchema>;
