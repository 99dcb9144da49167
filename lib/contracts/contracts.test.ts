import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { flushMetrics } from '@/lib/cache';
import { env } from '@/lib/core/env';
import { leaderboardValue } from '@/lib/scenarios/leaderboard/scenario';
import { usernameValue } from '@/lib/scenarios/username';
import { callApi, type ApiCall } from '@/lib/testing/api';
import { inspector, removeUnder } from '@/lib/testing/redis';
import { keyPageSchema, keyValueSchema, recentEventSchema, redisInfoSchema, statsResponseSchema } from './dashboard';
import { healthSchema } from './health';
import { sentimentValue } from './sentiment';
import { apiErrorSchema, invalidatedSchema, scenarioResponseSchema } from './scenario';
import { weatherReportSchema } from './weather';

/** What the running handlers really send, parsed with the contracts the browser is typed against. */
const redis = inspector();

afterAll(async () => {
  await flushMetrics();
  await removeUnder(redis, env.CACHE_PREFIX);
  redis.disconnect();
});

async function parsed(schema: z.ZodType, call: ApiCall, status = 200) {
  const response = await callApi(call);
  expect(response.status).toBe(status);
  const body: unknown = await response.json();
  const result = schema.safeParse(body);
  // The issues say which field drifted.
  expect(result.success ? [] : result.error.issues).toEqual([]);
  return result.data;
}

const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('responses match lib/contracts', () => {
  it('scenario lookups: miss, hit and bypass', async () => {
    const user = scenarioResponseSchema(usernameValue);
    await parsed(user, { url: '/api/username/contract_user' });
    await parsed(user, { url: '/api/username/contract_user' });
    await parsed(user, { url: '/api/username/contract_user?cache=bypass' });
    await parsed(scenarioResponseSchema(sentimentValue), { method: 'POST', url: '/api/sentiment', ...json({ sentence: 'contracts are great' }) });
    await parsed(scenarioResponseSchema(leaderboardValue), { url: '/api/leaderboard' });
  });

  it('the weather report with both strategies', async () => {
    await parsed(weatherReportSchema, { url: '/api/weather/paris' });
  });

  it('invalidation, health and the error shape', async () => {
    await parsed(invalidatedSchema, { method: 'DELETE', url: '/api/username/contract_user' });
    await parsed(healthSchema, { url: '/api/health' });
    await parsed(apiErrorSchema, { url: '/api/health?x=1' }, 400);
    await parsed(apiErrorSchema, { url: '/api/username/not%20valid' }, 400);
  });

  it('the dashboard: statistics, a key page, a key value, recent requests, the Redis panel', async () => {
    await parsed(scenarioResponseSchema(usernameValue), { url: '/api/username/contract_dash' });
    await flushMetrics();
    const data = <T extends z.ZodType>(schema: T) => z.object({ data: schema });
    await parsed(data(statsResponseSchema), { url: '/api/stats?window=60' });
    // Pages are bounded SCANs: follow the cursor until the entry turns up.
    let found: string | undefined;
    let cursor = '0';
    do {
      const page = (await parsed(data(keyPageSchema), { url: `/api/keys?match=contract_dash&cursor=${cursor}` })) as { data: { keys: { key: string }[]; cursor: string } };
      found = page.data.keys[0]?.key;
      cursor = page.data.cursor;
    } while (!found && cursor !== '0');
    expect(found).toBeDefined();
    await parsed(data(keyValueSchema), { url: `/api/keys/value?key=${encodeURIComponent(found!)}` });
    const events = (await parsed(data(z.array(recentEventSchema)), { url: '/api/events?count=5' })) as { data: unknown[] };
    expect(events.data.length).toBeGreaterThan(0);
    await parsed(data(redisInfoSchema), { url: '/api/redis/info' });
  });
});
