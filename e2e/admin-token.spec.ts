import { expect, test, type Page } from '@playwright/test';
import { startOwnApp, type OwnApp } from './own-app';

/**
 * With ADMIN_TOKEN set, every admin button on every page asks for the token once per tab (an
 * accessible dialog), then does its work; a wrong token is refused and asked for again. Each
 * button gets a fresh tab, so each one proves it prompts by itself.
 */
const TOKEN = 'e2e-admin-token-42';
let app: OwnApp;

test.beforeAll(async () => {
  app = await startOwnApp({
    env: {
      ADMIN_TOKEN: TOKEN,
      USERNAME_DELAY_MS: '200',
      SENTIMENT_DELAY_MS: '200',
      WEATHER_DELAY_MS: '200',
      LEADERBOARD_PLAYERS: '200',
      LEADERBOARD_ROWS: '2000',
      LEADERBOARD_DB: `${process.env.TMPDIR ?? '/tmp'}/cachelab-e2e-admin-leaderboard-${Date.now()}.db`,
    },
  });
});

test.afterAll(async () => {
  await app?.stop();
});

/** The dialog appears once, takes the token, and closes; the caller then checks the work was done. */
async function giveToken(page: Page, token = TOKEN) {
  const dialog = page.getByRole('dialog', { name: 'Admin token' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('This action needs the admin token.');
  await expect(dialog.getByLabel('Token')).toBeFocused();
  await dialog.getByLabel('Token').fill(token);
  await dialog.getByRole('button', { name: 'Save and retry' }).click();
  await expect(dialog).toBeHidden();
}

async function noSecondPrompt(page: Page) {
  await expect(page.getByRole('dialog', { name: 'Admin token' })).toBeHidden();
}

test('a wrong token is refused and asked for again; the right one is kept for the tab', async ({ page }) => {
  const name = `token_${Date.now()}`;
  await page.goto(`${app.url}/username`);
  await page.getByLabel('Username').fill(name);
  await page.getByRole('button', { name: 'Call expensive_function' }).click();
  await expect(page.getByTestId('cache-status')).toHaveText('miss');

  const dialog = page.getByRole('dialog', { name: 'Admin token' });
  await page.getByRole('button', { name: 'Invalidate this key' }).click();
  await expect(dialog).toContainText('This action needs the admin token.');
  await dialog.getByLabel('Token').fill('wrong-token');
  await dialog.getByRole('button', { name: 'Save and retry' }).click();
  await expect(dialog).toContainText('The admin token was not accepted.');
  await expect(dialog.getByLabel('Token')).toHaveValue('');

  await dialog.getByLabel('Token').fill(TOKEN);
  await dialog.getByRole('button', { name: 'Save and retry' }).click();
  await expect(page.getByText('Entry deleted: the next request is a miss.')).toBeVisible();
  await noSecondPrompt(page);

  // Remembered for this tab: the next mutation goes straight through.
  await page.getByRole('button', { name: 'Call expensive_function' }).click();
  await expect(page.getByTestId('cache-status')).toHaveText('miss');
  await page.getByRole('button', { name: 'Invalidate this key' }).click();
  await expect(page.getByText('Entry deleted: the next request is a miss.')).toBeVisible();
  await noSecondPrompt(page);
});

test('Escape cancels: nothing is done and the page says why', async ({ page }) => {
  await page.goto(`${app.url}/dashboard`);
  await page.getByRole('button', { name: 'Reset statistics' }).click();
  await page.getByRole('button', { name: 'Yes, reset' }).click();
  await expect(page.getByRole('dialog', { name: 'Admin token' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByText('Not done: this action needs the admin token.')).toBeVisible();
});

test('sentiment invalidate prompts, then works', async ({ page }) => {
  await page.goto(`${app.url}/sentiment`);
  await page.getByLabel('Sentence').fill(`Admin tokens are great ${Date.now()}`);
  await page.getByRole('button', { name: 'Analyse sentiment' }).click();
  await expect(page.getByTestId('cache-status')).toHaveText('miss');
  await page.getByRole('button', { name: 'Invalidate this key' }).click();
  await giveToken(page);
  await expect(page.getByText('Entry deleted: the next request is a miss.')).toBeVisible();
});

test('weather invalidates each expiry after one prompt', async ({ page }) => {
  await page.goto(`${app.url}/weather`);
  await page.getByLabel('City').selectOption('oslo');
  await page.getByRole('button', { name: 'Get the forecast' }).click();
  const ttl = page.getByRole('region', { name: /Sliding TTL/ });
  const daily = page.getByRole('region', { name: 'Until midnight' });
  await expect(ttl.getByTestId('cache-status')).toHaveText(/miss|hit/);
  await ttl.getByRole('button', { name: 'Invalidate this key' }).click();
  await giveToken(page);
  await expect(ttl.getByText('Entry deleted: the next request is a miss.')).toBeVisible();
  await daily.getByRole('button', { name: 'Invalidate this key' }).click();
  await expect(daily.getByText('Entry deleted: the next request is a miss.')).toBeVisible();
  await noSecondPrompt(page);
});

test('leaderboard: a game needs no token, invalidate prompts then re-reads', async ({ page }) => {
  await page.goto(`${app.url}/leaderboard`);
  await page.getByRole('button', { name: 'Read the top 50' }).click();
  await expect(page.getByTestId('cache-status')).toHaveText(/miss|hit/, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Record the game' }).click();
  await expect(page.getByText(/Game #\d+: .* scored/)).toBeVisible();
  await noSecondPrompt(page);
  await page.getByRole('button', { name: 'Invalidate this key' }).click();
  await giveToken(page);
  await expect(page.getByText('Entry deleted: the next request is a miss.')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('cache-status')).toHaveText('miss');
});

test('dashboard reset prompts, then resets', async ({ page }) => {
  await page.goto(`${app.url}/dashboard`);
  await page.getByRole('button', { name: 'Reset statistics' }).click();
  await page.getByRole('button', { name: 'Yes, reset' }).click();
  await giveToken(page);
  await expect(page.getByText(/^Statistics reset/)).toBeVisible();
});

test('dashboard key invalidate and scenario flush: one prompt, then both work', async ({ page }) => {
  const name = `flush_${Date.now()}`;
  expect((await fetch(`${app.url}/api/username/${name}`)).status).toBe(200);
  expect((await fetch(`${app.url}/api/username/${name}_2`)).status).toBe(200);
  await page.goto(`${app.url}/dashboard`);
  const browser = page.getByTestId('key-browser');
  await browser.getByRole('searchbox').fill(name);
  const row = browser.getByRole('listitem').filter({ hasText: `${name}_2` });
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: /Invalidate/ }).click();
  await giveToken(page);
  // The status line says so; the row itself says why it went (key life) until it leaves the list.
  await expect(browser.getByRole('status').filter({ hasText: /^Invalidated / })).toBeVisible();
  await expect(row.getByTestId('gone-reason')).toHaveText('invalidated');

  await browser.getByLabel('Scenario of the keys listed').selectOption('username');
  await browser.getByRole('button', { name: 'Flush username keys' }).click();
  await browser.getByRole('button', { name: 'Yes, flush' }).click();
  await expect(browser.getByText(/^Flushed .*: \d+ keys? deleted\.$/)).toBeVisible();
  await noSecondPrompt(page);
});

test('simulator start and cancel: one prompt, then both work', async ({ page }) => {
  await page.goto(`${app.url}/simulator`);
  await page.getByLabel('Requests/s', { exact: true }).fill('5');
  await page.getByLabel('Duration (s)', { exact: true }).fill('60');
  await page.getByRole('button', { name: 'Start run' }).click();
  await giveToken(page);
  await expect(page.getByTestId('run-status')).toHaveText('running');
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('cancelled');
  await noSecondPrompt(page);
});

test('a strategy switch prompts, then is saved', async ({ page }) => {
  await page.goto(`${app.url}/simulator`);
  const select = page.getByLabel('expensive_function(username)', { exact: true });
  await expect(select).toBeEnabled();
  const next = (await select.inputValue()) === 'lock' ? 'swr' : 'lock';
  await select.selectOption(next);
  await giveToken(page);
  await expect(page.getByText('Saved: the next request uses it.')).toBeVisible();
  await expect(select).toHaveValue(next);
  expect((await (await fetch(`${app.url}/api/scenarios/username/strategy`)).json()).data.strategy).toBe(next);
});
