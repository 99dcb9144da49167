import { expect, test } from '@playwright/test';

const parseMs = (text: string) => (text.endsWith(' s') ? parseFloat(text) * 1000 : parseFloat(text));

test('a username misses, then hits much faster, counts down, and misses again after invalidation', async ({ page }) => {
  const name = `e2e_${Date.now()}`;
  await page.goto('/username');
  await expect(page.getByRole('heading', { name: 'expensive_function(username)' })).toBeVisible();

  await page.getByLabel('Username').fill(name);
  await page.getByRole('button', { name: 'Call expensive_function' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Looking up' })).toBeVisible();
  await expect(page.getByTestId('cache-status')).toHaveText('miss', { timeout: 15_000 });
  await expect(page.getByTestId('value')).toContainText(`${name}_123`);
  await expect(page.getByTestId('cache-key')).toHaveText(new RegExp(`expensive_function:${name}$`));
  const missLatency = parseMs((await page.getByTestId('latency').textContent()) ?? '');
  expect(missLatency).toBeGreaterThanOrEqual(1200);

  await page.getByRole('button', { name: 'Call expensive_function' }).click();
  await expect(page.getByTestId('cache-status')).toHaveText('hit');
  const hitLatency = parseMs((await page.getByTestId('latency').textContent()) ?? '');
  expect(hitLatency * 10).toBeLessThan(missLatency);

  const countdown = page.getByTestId('ttl-countdown');
  const before = await countdown.textContent();
  await expect(countdown).not.toHaveText(before ?? '', { timeout: 3000 });
  await expect(page.getByTestId('history').getByRole('listitem')).toHaveCount(2);

  await page.getByRole('button', { name: 'Invalidate this key' }).click();
  await expect(page.getByText('Entry deleted: the next request is a miss.')).toBeVisible();
  // The card no longer claims the key is cached: no HIT badge, no countdown.
  await expect(page.getByTestId('status-hint')).toContainText('you invalidated the key');
  await expect(page.getByTestId('ttl-countdown')).toHaveText('Not cached any more: the key was invalidated.');
  await expect(page.getByRole('button', { name: 'Invalidate this key' })).toBeDisabled();

  // "Your last requests" survives a reload and Back.
  await page.reload();
  await expect(page.getByTestId('history').getByRole('listitem')).toHaveCount(2);
  await page.goto('/');
  await page.goBack();
  await expect(page.getByTestId('history').getByRole('listitem')).toHaveCount(2);

  await page.getByLabel('Username').fill(name);
  await page.getByRole('button', { name: 'Call expensive_function' }).click();
  await expect(page.getByTestId('cache-status')).toHaveText('miss', { timeout: 15_000 });
});

test('the input rules are shown before anything is sent, as the server applies them', async ({ page }) => {
  await page.goto('/username');
  const field = page.getByLabel('Username');
  await expect(page.getByText('Up to 64 characters: letters of any alphabet, digits')).toBeVisible();
  await expect(field).toHaveAttribute('maxlength', '64');
  await field.fill('no spaces allowed');
  await expect(page.getByTestId('input-problem')).toHaveText('May contain only letters of any alphabet, digits, "_", "-" and "." (no spaces).');
  await expect(page.getByRole('button', { name: 'Call expensive_function' })).toBeDisabled();
  await field.fill('ada🙂');
  await expect(page.getByTestId('input-problem')).toContainText('Emoji are not allowed');
  await field.fill('Ada_Lovelace');
  await expect(page.getByTestId('input-problem')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Call expensive_function' })).toBeEnabled();
});

test('a name the server refuses still gets a clear error, not a crash', async ({ request }) => {
  const response = await request.get(`/api/username/${'a'.repeat(65)}`);
  expect(response.status()).toBe(400);
  expect((await response.json()).error.message).toContain('at most 64 characters');
});
