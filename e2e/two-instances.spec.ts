import { test } from '@playwright/test';
import { OwnRedisServer } from '../lib/testing/redis-server';
import { ownPrefix, startNextApp, type NextApp } from './own-app';
import { expectBurstComputesOnce, expectSameTotals, expectSwitchFollowed, INSTANCE_ENV } from './two-instances';

/** Two `next start` processes on one standalone Redis of their own, sharing a key prefix. */
let redis: OwnRedisServer;
let apps: [NextApp, NextApp];

test.beforeAll(async () => {
  test.setTimeout(90_000);
  redis = await OwnRedisServer.start();
  const env = { ...INSTANCE_ENV, REDIS_URL: redis.url, CACHE_PREFIX: ownPrefix() };
  apps = [await startNextApp(env), await startNextApp(env)];
});

test.afterAll(async () => {
  await Promise.all((apps ?? []).map((app) => app.stop()));
  await redis?.stop();
});

test('two instances on one Redis: a strategy switch is followed, a lock burst computes once, both dashboards agree', async ({ request }) => {
  test.setTimeout(60_000);
  await expectSwitchFollowed(request, apps);
  await expectBurstComputesOnce(request, apps);
  await expectSameTotals(request, apps);
});
