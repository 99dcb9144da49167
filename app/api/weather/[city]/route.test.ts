import { afterAll, describe, expect, it } from 'vitest';
import { flushMetrics } from '@/lib/cache';
import { encodeEnvelope } from '@/lib/cache/envelope';
import { env } from '@/lib/core/env';
import { nextMidnight } from '@/lib/shared/midnight';
import { findCity } from '@/lib/scenarios/weather/cities';
import { forecast7Days, todayIn } from '@/lib/scenarios/weather/forecast';
import { inspector, removeUnder } from '@/lib/testing/redis';
import { apiRequest, failure, routeContext } from '@/lib/testing/requests';
import { GET as listCities } from '../route';
import { DELETE, GET } from './route';

const redis = inspector();
const prefix = env.CACHE_PREFIX;
const HOUR_MS = 3_600_000;

type Meta = { status: string; key: string; expiryKind: string; ttlMs: number | null; expiresAt: string | null };
type Forecast = { city: string; startDate: string; days: Array<{ date: string }> };
type Report = { data: { city: { slug: string; name: string }; today: string; dayEndsAt: string; timeZone: string; forecasts: Record<'ttl' | 'daily', Forecast> }; cache: Record<'ttl' | 'daily', Meta> };

const ask = (city: string, query = '') => GET(apiRequest(`/api/weather/${encodeURIComponent(city)}${query}`), routeContext({ city }));
const forecast = async (city: string, query = '') => {
  const response = await ask(city, query);
  return { response, body: (await response.json()) as Report };
};
const forget = (city: string, query = '') => DELETE(apiRequest(`/api/weather/${encodeURIComponent(city)}${query}`, { method: 'DELETE' }), routeContext({ city }));

afterAll(async () => {
  await flushMetrics();
  await removeUnder(redis, prefix);
  redis.disconnect();
});

describe('GET /api/weather/{city}', () => {
  it('fetches both strategies on a miss, then serves both from Redis', async () => {
    const first = await forecast('paris');
    expect(first.response.status).toBe(200);
    expect(first.response.headers.get('x-cache')).toBe('MISS, MISS');
    expect(first.response.headers.get('server-timing')).toMatch(/cache-1;desc="MISS".*compute-1;dur=[\d.]+.*cache-2;desc="MISS".*compute-2;dur=[\d.]+/);
    expect(first.body.cache.ttl).toMatchObject({ status: 'miss', key: `${prefix}weather:ttl:paris`, expiryKind: 'ttl' });
    expect(first.body.cache.daily).toMatchObject({ status: 'miss', key: `${prefix}weather:daily:paris`, expiryKind: 'absolute' });

    const today = todayIn(env.CACHE_TZ);
    const expected = forecast7Days(findCity('paris')!, today);
    expect(first.body.data).toMatchObject({ city: { slug: 'paris', name: 'Paris' }, today, timeZone: env.CACHE_TZ });
    for (const strategy of ['ttl', 'daily'] as const) {
      expect(first.body.data.forecasts[strategy]).toMatchObject({ city: 'paris', startDate: today, days: expected });
    }

    const second = await forecast('Paris');
    expect(second.response.headers.get('x-cache')).toBe('HIT, HIT');
    expect(second.body.data.forecasts).toEqual(first.body.data.forecasts);
  });

  it('gives the TTL copy WEATHER_TTL_HOURS and the daily copy the next midnight in CACHE_TZ', async () => {
    const before = Date.now();
    const { body } = await forecast('tokyo');
    const lifetime = env.WEATHER_TTL_HOURS * HOUR_MS;
    expect(body.cache.ttl.ttlMs).toBeGreaterThan(lifetime - 5000);
    expect(body.cache.ttl.ttlMs).toBeLessThanOrEqual(lifetime);
    expect(await redis.pttl(`${prefix}weather:ttl:tokyo`)).toBeGreaterThan(lifetime - 5000);

    const midnight = nextMidnight(before, env.CACHE_TZ);
    expect(body.data.dayEndsAt).toBe(new Date(midnight).toISOString());
    expect(Math.abs(Date.parse(body.cache.daily.expiresAt ?? '') - midnight)).toBeLessThan(1000);
    expect(Math.abs((await redis.pexpiretime(`${prefix}weather:daily:tokyo`)) - midnight)).toBeLessThanOrEqual(1);
  });

  it('serves a TTL copy fetched yesterday as it is, starting yesterday, while the daily copy starts today', async () => {
    const today = todayIn(env.CACHE_TZ);
    const yesterday = todayIn('UTC', new Date(Date.parse(`${today}T12:00:00Z`) - 24 * HOUR_MS));
    const oldCopy = { city: 'oslo', startDate: yesterday, fetchedAt: new Date(Date.now() - 20 * HOUR_MS).toISOString(), days: forecast7Days(findCity('oslo')!, yesterday) };
    await redis.set(`${prefix}weather:ttl:oslo`, encodeEnvelope(oldCopy, { storedAt: Date.now() - 20 * HOUR_MS, computeMs: 2000, expiry: 'ttl' }), 'PX', 4 * HOUR_MS);

    const { response, body } = await forecast('oslo');
    expect(response.headers.get('x-cache')).toBe('HIT, MISS');
    expect(body.data.forecasts.ttl.startDate).toBe(yesterday);
    expect(body.data.forecasts.ttl.startDate < body.data.today).toBe(true);
    expect(body.data.forecasts.daily.startDate).toBe(today);
    expect(body.data.forecasts.daily.days[0]?.date).toBe(today);
  });

  it('finds a city by its name, accents and spaces included, and keys it by slug', async () => {
    const { body } = await forecast('São Paulo');
    expect(body.cache.ttl.key).toBe(`${prefix}weather:ttl:sao-paulo`);
  });

  it('answers 404 for an unknown city, with a suggestion when one is close', async () => {
    const typo = await failure(await ask('Pariss'));
    expect(typo).toEqual({ status: 404, code: 'unknown_city', message: 'There is no forecast for “Pariss”. Did you mean “Paris” (paris)?' });
    const nonsense = await failure(await ask('Atlantis'));
    expect(nonsense).toMatchObject({ status: 404, code: 'unknown_city' });
    expect(nonsense.message).toContain('GET /api/weather lists the cities');
  });

  it('fetches both without the cache on ?cache=bypass', async () => {
    const { response } = await forecast('lagos', '?cache=bypass');
    expect(response.headers.get('x-cache')).toBe('BYPASS, BYPASS');
    expect(await redis.exists(`${prefix}weather:ttl:lagos`, `${prefix}weather:daily:lagos`)).toBe(0);
    expect(await failure(await ask('lagos', '?cache=sometimes'))).toMatchObject({ status: 400, code: 'invalid_query' });
  });
});

describe('DELETE /api/weather/{city}', () => {
  it('invalidates one strategy with ?strategy=, or both', async () => {
    await forecast('rome');
    const ttlOnly = await (await forget('rome', '?strategy=ttl')).json();
    expect(ttlOnly.data).toEqual({ keys: [`${env.CACHE_PREFIX}weather:ttl:rome`], deleted: true });
    expect((await forecast('rome')).response.headers.get('x-cache')).toBe('MISS, HIT');

    const both = await (await forget('rome')).json();
    expect(both.data).toEqual({ keys: [`${env.CACHE_PREFIX}weather:ttl:rome`, `${env.CACHE_PREFIX}weather:daily:rome`], deleted: true });
    expect((await (await forget('rome')).json()).data.deleted).toBe(false);
  });

  it('refuses an unknown strategy or city', async () => {
    expect(await failure(await forget('rome', '?strategy=weekly'))).toMatchObject({ status: 400, code: 'invalid_query' });
    expect(await failure(await forget('gotham'))).toMatchObject({ status: 404, code: 'unknown_city' });
  });
});

describe('GET /api/weather', () => {
  it('lists every city with its slug, name and country', async () => {
    const { data } = (await (await listCities(apiRequest('/api/weather'), {})).json()) as { data: { cities: Array<{ slug: string; name: string; country: string }> } };
    expect(data.cities.length).toBeGreaterThanOrEqual(45);
    expect(data.cities).toContainEqual({ slug: 'sao-paulo', name: 'São Paulo', country: 'Brazil' });
  });
});
