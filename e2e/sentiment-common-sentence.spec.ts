import { expect, test } from '@playwright/test';

const parseMs = (text: string) => (text.endsWith(' s') ? parseFloat(text) * 1000 : parseFloat(text));
const SENTENCE = 'I love this product, it works perfectly!';

test('a common sentence misses, runs the model, then hits, also when typed with other spaces and capitals', async ({ page }) => {
  await page.request.delete('/api/sentiment', { data: { sentence: SENTENCE } });
  await page.goto('/sentiment');
  await expect(page.getByRole('heading', { name: 'Sentiment model', level: 1 })).toBeVisible();

  const chip = page.getByRole('button', { name: SENTENCE });
  await chip.click();
  // The pending state lasts under a second in e2e: poll faster than expect's default 1 s steps.
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'simulated inference time' }).isVisible(), { intervals: [50] }).toBe(true);
  await expect(page.getByTestId('cache-status')).toHaveText('miss', { timeout: 15_000 });
  await expect(page.getByTestId('sentiment-label')).toHaveText('positive');
  await expect(page.getByTestId('compound')).toHaveText(/^\+0\.\d{3}$/);
  await expect(page.getByTestId('cache-key')).toHaveText(/sentiment:i love this product, it works perfectly!$/);
  const missLatency = parseMs((await page.getByTestId('latency').textContent()) ?? '');
  expect(missLatency).toBeGreaterThanOrEqual(800);

  await chip.click();
  await expect(page.getByTestId('cache-status')).toHaveText('hit');
  const hitLatency = parseMs((await page.getByTestId('latency').textContent()) ?? '');
  expect(hitLatency * 10).toBeLessThan(missLatency);

  await page.getByLabel('Sentence').fill('   i LOVE this product,   it works PERFECTLY!  ');
  await expect(page.getByTestId('key-preview')).toHaveText('sentiment:i love this product, it works perfectly!');
  await page.getByRole('button', { name: 'Analyse sentiment' }).click();
  await expect(page.getByTestId('cache-status')).toHaveText('hit');
  await expect(page.getByTestId('history').getByRole('listitem')).toHaveCount(3);
});

test('a sentence with a control character gets a clear error', async ({ page }) => {
  await page.goto('/sentiment');
  await page.getByLabel('Sentence').fill('bell \u0007 inside');
  await page.getByRole('button', { name: 'Analyse sentiment' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('must not contain control characters');
});
