import { expect, test } from '@playwright/test';
import { freePort } from '../lib/testing/redis-server';
import { startNextApp, type NextApp } from './own-app';

/**
 * No Redis at all (REDIS_URL unset, the start-up probe pointed at a closed port): the embedded
 * store. Everything that works on Redis works here: MISS then HIT, the dashboard's counters and
 * charts, the key browser, a simulator run, and the banner says what this is.
 */
let app: NextApp;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  app = await startNextApp({ REDIS_URL: '', REDIS_PROBE_URL: `redis://127.0.0.1:${await freePort()}`, USERNAME_DELAY_MS: '300' });
});

test.afterAll(async () => {
  await app?.stop();
});

test('the embedded store caches, counts, charts, lists keys and runs the simulator', async ({ page, request }) => {
  test.setTimeout(90_000);
  expect(await (await request.get(`${app.url}/api/health`)).json()).toMatchObject({ status: 'ok', backend: 'embedded' });

  const name = `embedded_${Date.now()}`;
  await page.goto(`${app.url}/username`);
  await expect(page.getByTestId('status-banner')).toContainText('Embedded in-memory store');
  for (const expected of ['miss', 'hit', 'hit', 'hit']) {
    await page.getByLabel('Username').fill(name);
    await page.getByRole('button', { name: 'Call expensive_function' }).click();
    await expect(page.getByTestId('cache-status')).toHaveText(expected);
  }

  await page.goto(`${app.url}/dashboard`);
  await expect(page.getByTestId('kpi-requests')).toHaveText('4');
  await expect(page.getByTestId('kpi-hit-ratio')).toHaveText('75.0 %');
  await expect(page.getByTestId('chart-throughput').getByTestId('chart-empty')).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByTestId('recent-requests').getByText(`expensive_function:${name}`).first()).toBeVisible();
  await expect(page.getByTestId('key-row').filter({ hasText: `expensive_function:${name}` })).toBeVisible();

  await page.goto(`${app.url}/simulator`);
  // Strategy near needs CLIENT TRACKING: the page says why it cannot run here.
  await expect(page.getByText('Here it cannot run: the embedded store has no CLIENT TRACKING')).toBeVisible();
  await page.getByRole('radio', { name: 'Zipf' }).check();
  for (const [label, value] of Object.entries({ 'Distinct inputs N': '20', 'Virtual users': '5', 'Requests/s': '20', 'Duration (s)': '3', 'Compute (ms)': '20' })) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 30_000 });
  await expect(page.getByTestId('phase-1').getByTestId('hit-ratio')).not.toHaveText('—');
  const stats = (await (await request.get(`${app.url}/api/stats?window=60&source=sim`)).json()) as { data: { total: { requests: number } } };
  expect(stats.data.total.requests).toBe(60);
});
