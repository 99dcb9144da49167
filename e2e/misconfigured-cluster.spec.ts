import { expect, test } from '@playwright/test';
import { OwnRedisCluster } from '../lib/testing/cluster';
import { startNextApp, type NextApp } from './own-app';

/**
 * A common mistake: a Redis Cluster node given as REDIS_URL. Every cache command is refused
 * there, so nothing is ever cached; the page must still answer, and the banner must say what is
 * wrong and what to set instead.
 */
let cluster: OwnRedisCluster;
let app: NextApp;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  cluster = await OwnRedisCluster.start({ masters: 3 });
  app = await startNextApp({ REDIS_URL: `redis://127.0.0.1:${cluster.ports[0]}`, REDIS_CLUSTER_NODES: '', USERNAME_DELAY_MS: '200' }, { degraded: true });
});

test.afterAll(async () => {
  await app?.stop();
  await cluster?.stop();
});

test('a cluster node as REDIS_URL: requests still answer, and the banner says to set REDIS_CLUSTER_NODES', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto(`${app.url}/username`);
  await page.getByLabel('Username').fill(`misconfigured_${Date.now()}`);
  await page.getByRole('button', { name: 'Call expensive_function' }).click();
  await expect(page.getByTestId('cache-status')).toHaveText(/bypass|miss/);
  const banner = page.getByTestId('status-banner');
  await expect(banner).toContainText('REDIS_URL points at one node of a Redis Cluster', { timeout: 10_000 });
  await expect(banner).toContainText('Set REDIS_CLUSTER_NODES=');
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await banner.screenshot({ path: `test-results/misconfigured-cluster-banner-${width}.png` });
  }
});
