import { test } from '@playwright/test';
import { twoInstancesOnOwnRedis } from './own-app';
import { expectEntriesListed, expectPathRevalidatesOnlyItsPath, expectRevalidateServesStaleOnce, expectUpdateReachesEveryInstance, NEXT_CACHE_ENV } from './next-cache-journeys';

/** Next's cache on a 3-master Redis Cluster of its own, two instances: entries on every slot, tags on one, no CROSSSLOT. */
const apps = twoInstancesOnOwnRedis('cluster', NEXT_CACHE_ENV);

test('on a cluster: updateTag, revalidateTag(max) and revalidatePath on one instance reach the other', async ({ request }) => {
  test.setTimeout(90_000);
  await expectUpdateReachesEveryInstance(request, apps());
  await expectRevalidateServesStaleOnce(request, apps());
  await expectPathRevalidatesOnlyItsPath(request, apps());
  await expectEntriesListed(request, apps()[0]);
});
