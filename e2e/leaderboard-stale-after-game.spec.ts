import { expect, test } from '@playwright/test';

const parseMs = (text: string) => (text.endsWith(' s') ? parseFloat(text) * 1000 : parseFloat(text));

test('the cached top 50 misses slowly, hits fast, goes stale after a game, and is fresh again once invalidated', async ({ page }) => {
  test.setTimeout(120_000);
  await page.request.delete('/api/leaderboard');
  await page.goto('/leaderboard');
  const read = page.getByRole('button', { name: 'Read the top 50' });
  const freshness = page.getByTestId('freshness');

  await read.click();
  await expect(page.getByTestId('cache-status')).toHaveText('miss', { timeout: 60_000 });
  await expect(page.getByTestId('board').locator('tbody tr')).toHaveCount(50);
  await expect(page.getByTestId('midnight-refresh')).toContainText(/Refreshes at \d\d:\d\d \S+ \(in (\d+ h )?\d+ min\)/);
  await expect(freshness).toHaveAttribute('data-state', 'fresh');
  const missLatency = parseMs((await page.getByTestId('latency').textContent()) ?? '');

  await read.click();
  await expect(page.getByTestId('cache-status')).toHaveText('hit');
  const hitLatency = parseMs((await page.getByTestId('latency').textContent()) ?? '');
  expect(hitLatency * 10).toBeLessThan(missLatency);

  await expect(page.getByLabel('Invalidate on write')).not.toBeChecked();
  await page.getByRole('button', { name: 'Record the game' }).click();
  await expect(page.getByText(/Game #\d+: .* scored 1,000,000 pts; the cached top 50 was left as it is/)).toBeVisible();
  await expect(freshness).toHaveAttribute('data-state', 'stale', { timeout: 60_000 });
  await expect(page.getByTestId('cache-status')).toHaveText('hit');
  await expect(page.getByTestId('changes').getByRole('listitem').first()).toBeVisible();

  await page.getByRole('button', { name: 'Invalidate this key' }).click();
  await expect(page.getByTestId('cache-status')).toHaveText('miss', { timeout: 60_000 });
  await expect(freshness).toHaveAttribute('data-state', 'fresh');
  await expect(page.getByText('Entry deleted: the next request is a miss.')).toBeVisible();

  await page.getByRole('button', { name: 'Compare with the live database' }).click();
  await expect(freshness).toHaveAttribute('data-state', 'in-sync', { timeout: 60_000 });
  await expect(page.getByTestId('board').locator('tr[data-changed]')).toHaveCount(0);
});
