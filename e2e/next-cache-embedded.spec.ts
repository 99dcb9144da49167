import { test } from '@playwright/test';
import { freePort } from '../lib/testing/redis-server';
import { startNextApp, type NextApp } from './own-app';
import { expectEntriesListed, expectPathRevalidatesOnlyItsPath, expectRevalidateServesStaleOnce, expectUpdateReachesEveryInstance, NEXT_CACHE_ENV } from './next-cache-journeys';

/** Next's cache on the embedded store (no Redis at all): one process, the same semantics. */
let app: NextApp;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  app = await startNextApp({ ...NEXT_CACHE_ENV, REDIS_URL: '', REDIS_PROBE_URL: `redis://127.0.0.1:${await freePort()}` });
});

test.afterAll(async () => {
  await app?.stop();
});

test('on the embedded store: updateTag, revalidateTag(max) and revalidatePath behave as on Redis', async ({ request }) => {
  test.setTimeout(60_000);
  await expectUpdateReachesEveryInstance(request, [app]);
  await expectRevalidateServesStaleOnce(request, [app]);
  await expectPathRevalidatesOnlyItsPath(request, [app]);
  await expectEntriesListed(request, app);
});
