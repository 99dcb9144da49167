import { expect, test } from '@playwright/test';

test('a forecast is cached under two keys, one with a sliding TTL, one until midnight, side by side', async ({ page }) => {
  await page.request.delete('/api/weather/lisbon');
  await page.goto('/weather');
  await page.getByLabel('City').selectOption('lisbon');
  await page.getByRole('button', { name: 'Get the forecast' }).click();
  // The pending state lasts under a second in e2e: poll faster than expect's default 1 s steps.
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'simulated upstream latency' }).isVisible(), { intervals: [50] }).toBe(true);

  const ttl = page.getByRole('region', { name: 'Sliding TTL · 24 h' });
  const daily = page.getByRole('region', { name: 'Until midnight' });
  await expect(ttl.getByTestId('cache-status')).toHaveText('miss', { timeout: 15_000 });
  await expect(daily.getByTestId('cache-status')).toHaveText('miss');

  await expect(ttl.getByTestId('cache-key')).toHaveText(/weather:ttl:lisbon$/);
  await expect(daily.getByTestId('cache-key')).toHaveText(/weather:daily:lisbon$/);
  await expect(ttl.getByText('sliding TTL', { exact: true })).toBeVisible();
  await expect(daily.getByText('fixed time', { exact: true })).toBeVisible();
  await expect(ttl.getByTestId('ttl-countdown')).toHaveText(/^2[34] h \d\d min \d\d s$/);
  await expect(daily.getByTestId('midnight-refresh')).toContainText(/Expires at \d\d:\d\d \S+ \(in /);
  await expect(ttl.getByText('Starts today, as it should.')).toBeVisible();

  for (const panel of [ttl, daily]) {
    const days = panel.getByTestId('forecast-day');
    await expect(days).toHaveCount(7);
    await expect(days.first()).toContainText('today');
    await expect(days.first()).toContainText(/°C/);
    await expect(days.first()).toContainText(/mm · \d+ km\/h/);
  }

  await page.getByRole('button', { name: 'Get the forecast' }).click();
  await expect(ttl.getByTestId('cache-status')).toHaveText('hit');
  await expect(daily.getByTestId('cache-status')).toHaveText('hit');
  await expect(page.getByTestId('history').getByRole('listitem')).toHaveCount(4);
});

test('an unknown city in the API answers 404 with a suggestion', async ({ request }) => {
  const response = await request.get('/api/weather/Lisbonn');
  expect(response.status()).toBe(404);
  expect(await response.json()).toEqual({ error: { code: 'unknown_city', message: 'There is no forecast for “Lisbonn”. Did you mean “Lisbon” (lisbon)?' } });
});
