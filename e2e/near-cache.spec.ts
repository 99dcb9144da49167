import { expect, test, type APIRequestContext } from '@playwright/test';

/** The strategy of the username scenario on the e2e server (same-origin PUT, as the simulator page sends it). */
async function setStrategy(request: APIRequestContext, baseURL: string, strategy: string) {
  const response = await request.put('/api/scenarios/username/strategy', { data: { strategy }, headers: { origin: baseURL } });
  expect(response.status()).toBe(200);
}

test('strategy near: an answer from L1 says so, and one from Redis says why the next may not need it', async ({ page, request, baseURL }) => {
  const name = `e2e_near_${Date.now()}`;
  await setStrategy(request, baseURL!, 'near');
  try {
    await page.goto('/username');
    await page.getByLabel('Username').fill(name);
    const call = page.getByRole('button', { name: 'Call expensive_function' });
    await call.click();
    await expect(page.getByTestId('cache-status')).toHaveText('miss', { timeout: 15_000 });
    await expect(page.getByTestId('near-note')).toContainText('this answer came from Redis');

    // The first reads after a miss come from Redis (and fill L1); then L1 answers.
    await expect(async () => {
      await call.click();
      await expect(page.getByTestId('cache-status')).toHaveText('near-hit', { timeout: 2000 });
    }).toPass({ timeout: 15_000 });
    await expect(page.getByTestId('near-note')).toContainText('Answered from this app instance’s memory (L1), without asking Redis');
    await expect(page.getByText('none (answered from L1)')).toBeVisible();
    await expect(page.getByTestId('value')).toContainText(`${name}_123`);

    // Invalidating drops the L1 copy too (Redis tells this instance): the next call computes.
    await page.getByRole('button', { name: 'Invalidate this key' }).click();
    await expect(page.getByText('Entry deleted: the next request is a miss.')).toBeVisible();
    await call.click();
    await expect(page.getByTestId('cache-status')).toHaveText('miss', { timeout: 15_000 });
  } finally {
    await setStrategy(request, baseURL!, 'cache-aside');
  }
});
