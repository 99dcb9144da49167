import { expect, test, type Page } from '@playwright/test';

const percent = (text: string | null) => parseFloat(text ?? '');

async function setUp(page: Page, fields: Record<string, string>) {
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
}

test('a short Zipf run shows its progress bar advance and its hit ratio climb, then a run is cancelled', async ({ page }) => {
  await page.goto('/simulator');
  await expect(page.getByRole('heading', { name: 'Watch a hit ratio emerge' })).toBeVisible();

  await page.getByRole('radio', { name: 'Zipf' }).check();
  await setUp(page, { 'Distinct inputs N': '50', 'Zipf exponent s': '1.2', 'Virtual users': '5', 'Requests/s': '20', 'Duration (s)': '8', 'Compute (ms)': '50' });
  await expect(page.getByTestId('planned')).toContainText('160 requests');
  await page.getByRole('button', { name: 'Start run' }).click();

  await expect(page.getByTestId('run-status')).toHaveText('running');
  const progress = page.getByRole('progressbar', { name: /Progress: with cache/ });
  const done = async () => Number(await progress.getAttribute('aria-valuenow'));
  await expect.poll(done).toBeGreaterThanOrEqual(10);
  const early = await done();
  const hitRatio = page.getByTestId('phase-1').getByTestId('hit-ratio');
  const earlyRatio = percent(await hitRatio.textContent());
  await expect.poll(done).toBeGreaterThan(early + 40);

  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 20_000 });
  expect(await done()).toBe(160);
  const finalRatio = percent(await hitRatio.textContent());
  expect(finalRatio).toBeGreaterThan(earlyRatio);
  expect(finalRatio).toBeGreaterThan(50);
  await expect(page.getByText('Hit ratio after k requests (k across), measured against theory')).toBeVisible();
  await expect(page.getByTestId('phase-1').getByTestId('computations')).toHaveText(/^\d+$/);

  // A long run, cancelled: nothing more is sent and the result says so.
  await setUp(page, { 'Requests/s': '5', 'Duration (s)': '60' });
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('running');
  await expect.poll(done).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('cancelled');
  expect(await done()).toBeLessThan(300);
  await expect(page.getByRole('button', { name: 'Start run' })).toBeEnabled();
});
