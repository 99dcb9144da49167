import { test } from '@playwright/test';
import { twoInstancesOnOwnRedis } from './own-app';
import { expectBurstComputesOnce, expectSameTotals, expectSwitchFollowed, INSTANCE_ENV } from './two-instances';

/** Two `next start` processes on one standalone Redis of their own, sharing a key prefix. */
const apps = twoInstancesOnOwnRedis('standalone', INSTANCE_ENV);

test('two instances on one Redis: a strategy switch is followed, a lock burst computes once, both dashboards agree', async ({ request }) => {
  test.setTimeout(60_000);
  await expectSwitchFollowed(request, apps());
  await expectBurstComputesOnce(request, apps());
  await expectSameTotals(request, apps());
});
