import { expect, test } from '@playwright/test';
import { startOwnApp, type OwnApp } from './own-app';

/** With ADMIN_TOKEN set, the page asks for the token once per tab, then invalidates with it. */
const TOKEN = 'e2e-admin-token-42';
let app: OwnApp;

test.beforeAll(async () => {
  app = await startOwnApp({ env: { ADMIN_TOKEN: TOKEN, USERNAME_DELAY_MS: '200' } });
});

test.afterAll(async () => {
  await app?.stop();
});

test('invalidate asks for the admin token, refuses a wrong one, then works and remembers it', async ({ page }) => {
  const name = `token_${Date.now()}`;
  await page.goto(`${app.url}/username`);
  await page.getByLabel('Username').fill(name);
  await page.getByRole('button', { name: 'Call expensive_function' }).click();
  await expect(page.getByTestId('cache-status')).toHaveText('miss');

  const prompt = page.getByTestId('admin-token-prompt');
  await page.getByRole('button', { name: 'Invalidate this key' }).click();
  await expect(prompt).toContainText('This action needs the admin token.');

  await prompt.getByLabel('Admin token').fill('wrong-token');
  await prompt.getByRole('button', { name: 'Save and retry' }).click();
  await expect(prompt).toContainText('The admin token was not accepted.');
  await expect(prompt.getByLabel('Admin token')).toHaveValue('');

  await prompt.getByLabel('Admin token').fill(TOKEN);
  await prompt.getByRole('button', { name: 'Save and retry' }).click();
  await expect(page.getByText('Entry deleted: the next request is a miss.')).toBeVisible();
  await expect(prompt).toHaveCount(0);

  // Remembered for this tab: the next mutation goes straight through.
  await page.getByRole('button', { name: 'Call expensive_function' }).click();
  await expect(page.getByTestId('cache-status')).toHaveText('miss');
  await page.getByRole('button', { name: 'Invalidate this key' }).click();
  await expect(page.getByText('Entry deleted: the next request is a miss.')).toBeVisible();
  await expect(prompt).toHaveCount(0);
});
