import { expect, test } from '@playwright/test';
import { twoInstancesOnOwnRedis, type NextApp } from './own-app';
import { expectBurstComputesOnce, expectSameTotals, expectSwitchFollowed, INSTANCE_ENV, switchStrategy } from './two-instances';

/**
 * The production build on a Redis Cluster of its own (3 masters on free ports, torn down
 * afterwards), two instances: the username journey, the key browser with slots, the Redis panel
 * with every node, and what two instances must do together.
 */
const apps = twoInstancesOnOwnRedis('cluster', INSTANCE_ENV);

test('on a cluster: MISS then HIT, the key with its slot in the key browser, every node in the Redis panel', async ({ page, request }) => {
  test.setTimeout(60_000);
  const health = await (await request.get(`${apps()[0].url}/api/health`)).json();
  expect(health).toMatchObject({ status: 'ok', redis: { topology: 'cluster' }, problems: [] });

  const name = `cluster_${Date.now()}`;
  await page.goto(`${apps()[0].url}/username`);
  for (const expected of ['miss', 'hit']) {
    await page.getByLabel('Username').fill(name);
    await page.getByRole('button', { name: 'Call expensive_function' }).click();
    await expect(page.getByTestId('cache-status')).toHaveText(expected);
  }
  await expect(page.getByTestId('status-banner')).toHaveCount(0);
  // The other instance finds the same entry.
  expect((await request.get(`${apps()[1].url}/api/username/${name}`)).headers()['x-cache']).toBe('HIT');

  await page.goto(`${apps()[1].url}/dashboard`);
  const row = page.getByTestId('key-row').filter({ hasText: `expensive_function:${name}` });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('key-slot')).toHaveText(/slot \d+ on 127\.0\.0\.1:\d+/);
  const nodes = page.getByTestId('cluster-nodes');
  await expect(nodes).toContainText('state ok');
  await expect(nodes.getByRole('row').filter({ hasText: 'master' })).toHaveCount(3);
  for (const [width, height] of [[1440, 1000], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.getByTestId('redis-panel').screenshot({ path: `test-results/cluster-redis-panel-${width}.png` });
    await row.screenshot({ path: `test-results/cluster-key-row-${width}.png` });
  }
});

test('two instances on a cluster: a strategy switch is followed, a lock burst computes once, both dashboards agree', async ({ request }) => {
  test.setTimeout(60_000);
  await expectSwitchFollowed(request, apps());
  await expectBurstComputesOnce(request, apps());
  await expectSameTotals(request, apps());
});

test('strategy near on a cluster: L1 answers on one instance, the other instance’s delete reaches it, and the page says how near runs here', async ({ page, request }) => {
  test.setTimeout(60_000);
  await switchStrategy(request, apps()[0], 'near');
  const name = `near_${Date.now()}`;
  const statusAt = async (app: NextApp) => (await request.get(`${app.url}/api/username/${name}`)).headers()['x-cache-status'];
  // Both instances follow the switch; the first answers computed, then from Redis, then from its L1.
  await expect(async () => expect(await statusAt(apps()[0])).toBe('near-hit')).toPass({ timeout: 10_000, intervals: [100] });

  const deleted = await request.delete(`${apps()[1].url}/api/username/${name}`, { headers: { origin: apps()[1].url } });
  expect(deleted.status()).toBe(200);
  // Redis tells the master's tracked reader of the first instance: its L1 no longer has the entry.
  await expect(async () => expect(await statusAt(apps()[0])).toBe('miss')).toPass({ timeout: 2_000, intervals: [20] });

  await page.goto(`${apps()[0].url}/simulator`);
  await expect(page.getByTestId('near-status')).toContainText('on 3 cluster masters');
  await switchStrategy(request, apps()[0], 'cache-aside');
});
