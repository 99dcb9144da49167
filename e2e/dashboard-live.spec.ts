import { expect, test } from '@playwright/test';

/** "23 h 59 min 58 s" → seconds. */
function seconds(text: string | null): number {
  const part = (unit: string) => Number(new RegExp(`(\\d+) ${unit}\\b`).exec(text ?? '')?.[1] ?? 0);
  return part('h') * 3600 + part('min') * 60 + part('s');
}

// A long journey made of one-second polls: give it room on a busy machine.
test.setTimeout(120_000);

test('the dashboard follows requests live: counters, hit ratio, charts, a key counting down, then invalidated', async ({ page, request }, testInfo) => {
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { name: 'The cache, live' })).toBeVisible();
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live');

  // Start from zero figures; the reset asks for confirmation first.
  await page.getByRole('button', { name: 'Reset statistics' }).click();
  await page.getByRole('button', { name: 'Yes, reset' }).click();
  await expect(page.getByText(/^Statistics reset/)).toBeVisible();
  await expect(page.getByTestId('kpi-requests')).toHaveText('0');
  await expect(page.getByTestId('kpi-hit-ratio')).toHaveText('—');
  await expect(page.getByTestId('chart-throughput').getByTestId('chart-empty')).toBeVisible();

  // Requests from elsewhere (not this page): one miss, then three hits.
  const name = `e2e_dash_${Date.now()}`;
  expect((await request.get(`/api/username/${name}`)).headers()['x-cache']).toBe('MISS');
  for (let index = 0; index < 3; index += 1) expect((await request.get(`/api/username/${name}`)).headers()['x-cache']).toBe('HIT');

  await expect(page.getByTestId('kpi-requests')).toHaveText('4');
  await expect(page.getByTestId('kpi-hit-ratio')).toHaveText('75.0 %');
  const counts = page.getByTestId('counts-table').locator('tr[data-scenario="username"]');
  // Columns: requests, hits (Redis), near hits (L1), misses…
  await expect(counts.locator('td').nth(1)).toHaveText('3');
  await expect(counts.locator('td').nth(2)).toHaveText('0');
  await expect(counts.locator('td').nth(3)).toHaveText('1');
  for (const chart of ['chart-throughput', 'chart-hit-ratio', 'chart-percentiles', 'chart-histogram']) {
    await expect(page.getByTestId(chart).getByTestId('chart-empty'), chart).toHaveCount(0);
  }
  await expect(page.getByTestId('chart-throughput').locator('.recharts-area-area').first()).toBeVisible();
  await expect(page.getByTestId('recent-requests').getByText(`expensive_function:${name}`).first()).toBeVisible();

  // Its key appears in the browser, counting down.
  const row = page.getByTestId('key-row').filter({ hasText: `expensive_function:${name}` });
  await expect(row).toBeVisible();
  await expect(row.getByText('TTL', { exact: true })).toBeVisible();
  const countdown = row.getByTestId('ttl-countdown');
  const before = seconds(await countdown.textContent());
  expect(before).toBeGreaterThan(23 * 3600);
  await expect.poll(async () => seconds(await countdown.textContent()), { timeout: 5000 }).toBeLessThan(before);

  // Its stored value, in a dialog.
  await row.getByRole('button', { name: 'View' }).click();
  await expect(page.getByTestId('key-value')).toContainText(`"username_extended": "${name}_123"`);
  await page.getByRole('button', { name: 'Close' }).click();

  const shot = await page.screenshot({ fullPage: true });
  await testInfo.attach('dashboard-desktop', { body: shot, contentType: 'image/png' });
  await page.screenshot({ path: testInfo.outputPath('dashboard-desktop.png'), fullPage: true });

  // Invalidating removes it, and the next request is a miss again.
  await row.getByRole('button', { name: `Invalidate expensive_function:${name}` }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByText(/^Invalidated .* the next request for it is a miss\.$/)).toBeVisible();
  expect((await request.get(`/api/username/${name}`)).headers()['x-cache']).toBe('MISS');

  // Pausing freezes the figures, and says so.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'paused');
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('kpi-requests')).toHaveText('5');
});
