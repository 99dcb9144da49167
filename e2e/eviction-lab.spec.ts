import { expect, test } from '@playwright/test';

const percent = (text: string | null) => parseFloat(text ?? '');

test('LRU against LFU: both curves beside the theory, a results table that exports as CSV', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto('/eviction');
  await expect(page.getByRole('heading', { name: 'When the cache is full, who goes?' })).toBeVisible();
  await expect(page.getByTestId('lab-redis')).toContainText(/Lab Redis at 127\.0\.0\.1:\d+/);

  // The demo, shortened: 4 s per policy is enough for the curves and the table.
  await page.getByLabel('Seconds per policy').fill('4');
  await expect(page.getByTestId('planned')).toContainText('20,000 requests per policy');
  await page.getByRole('button', { name: 'Run 2 policies' }).click();

  const run = page.getByTestId('eviction-run');
  await expect(run).toHaveAttribute('data-status', 'running');
  await expect(run).toHaveAttribute('data-status', 'done', { timeout: 90_000 });

  const rows = page.getByTestId('results-table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).locator('th')).toHaveText('allkeys-lru');
  await expect(rows.nth(1).locator('th')).toHaveText('allkeys-lfu');
  const lru = percent(await rows.nth(0).locator('td').first().textContent());
  const lfu = percent(await rows.nth(1).locator('td').first().textContent());
  expect(lru).toBeGreaterThan(40);
  expect(lfu).toBeGreaterThan(lru);

  // Both measured curves and both theory lines on one chart.
  const chart = page.getByRole('region', { name: 'Hit ratio as the run goes' });
  await expect(chart.locator('.recharts-line')).toHaveCount(2);
  await expect(chart.locator('.recharts-reference-line')).toHaveCount(2);
  await expect(chart.getByText(/Che \(LRU\) \d+\.\d %/)).toBeVisible();
  await expect(chart.getByText(/static optimum \d+\.\d %/)).toBeVisible();
  await expect(chart.getByText('warm-up (not counted)')).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  const csv = await (await download).path().then((file) => import('node:fs').then((fs) => fs.readFileSync(file!, 'utf8')));
  expect(csv.split('\r\n')[0]).toMatch(/^policy,maxmemory_samples,steady_hit_ratio,che_lru,static_optimum/);
  expect(csv).toMatch(/\r\nallkeys-lru,5,0\.\d+,/);

  await expect(page.getByTestId('lab-redis')).toContainText('Idle.');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: testInfo.outputPath('eviction-1440.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath('eviction-390.png'), fullPage: true });
});
