import { test } from '@playwright/test';
import { OwnRedisCluster } from '../lib/testing/cluster';
import { ownPrefix, startNextApp, type NextApp } from './own-app';
import { expectEntriesListed, expectPathRevalidatesOnlyItsPath, expectRevalidateServesStaleOnce, expectUpdateReachesEveryInstance, NEXT_CACHE_ENV } from './next-cache-journeys';

/** Next's cache on a 3-master Redis Cluster of its own, two instances: entries on every slot, tags on one, no CROSSSLOT. */
let cluster: OwnRedisCluster;
let apps: [NextApp, NextApp];

test.beforeAll(async () => {
  test.setTimeout(90_000);
  cluster = await OwnRedisCluster.start({ masters: 3 });
  const env = { ...NEXT_CACHE_ENV, REDIS_URL: '', REDIS_CLUSTER_NODES: cluster.seeds, CACHE_PREFIX: ownPrefix() };
  apps = [await startNextApp(env), await startNextApp(env)];
});

test.afterAll(async () => {
  await Promise.all((apps ?? []).map((app) => app.stop()));
  await cluster?.stop();
});

test('on a cluster: updateTag, revalidateTag(max) and revalidatePath on one instance reach the other', async ({ request }) => {
  test.setTimeout(90_000);
  await expectUpdateReachesEveryInstance(request, apps);
  await expectRevalidateServesStaleOnce(request, apps);
  await expectPathRevalidatesOnlyItsPath(request, apps);
  await expectEntriesListed(request, apps[0]);
});
