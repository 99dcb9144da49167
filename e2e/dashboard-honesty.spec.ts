import { expect, test } from '@playwright/test';
import { startOwnApp, type OwnApp } from './own-app';

/**
 * Its own app with a tiny SCAN page (5 keys' worth of COUNT, one call per page), so a key is
 * almost never on the first page: the filter must keep scanning by itself until it is found.
 */
let app: OwnApp;
const FILLER = 60;

test.beforeAll(async () => {
  app = await startOwnApp({ env: { USERNAME_DELAY_MS: '0', RATE_LIMIT_POINTS: '0', KEYS_SCAN_COUNT: '10', KEYS_SCAN_MAX_CALLS: '1', KEYS_PAGE_SIZE: '5' } });
  for (let index = 0; index < FILLER; index += 1) expect((await fetch(`${app.url}/api/username/filler_${index}`)).status).toBe(200);
  expect((await fetch(`${app.url}/api/username/the_needle`)).status).toBe(200);
});

test.afterAll(async () => {
  await app?.stop();
});

test('the key filter keeps scanning until the key is found, without a click on "Scan further"', async ({ page }) => {
  await page.goto(`${app.url}/dashboard`);
  const browser = page.getByTestId('key-browser');
  await browser.getByRole('searchbox').fill('the_needle');
  await expect(browser.getByRole('listitem').filter({ hasText: 'the_needle' })).toBeVisible({ timeout: 20_000 });
  await expect(browser.getByRole('listitem')).toHaveCount(1);
  // No "no matching key" on the way, and no click on "Scan further" was needed.
  await expect(browser.getByTestId('keys-empty')).toHaveCount(0);
});

test('a filter that matches nothing scans to the end and says so', async ({ page }) => {
  await page.goto(`${app.url}/dashboard`);
  const browser = page.getByTestId('key-browser');
  await browser.getByRole('searchbox').fill('nothing_like_this');
  await expect(browser.getByTestId('keys-empty')).toHaveText(/No key matches this filter \(the whole keyspace was scanned\)\.|No key matching “nothing_like_this” in the first \d+ pages/, { timeout: 30_000 });
});

test('after a quiet minute the dashboard says when the last request came and widens in one click', async ({ page }) => {
  test.setTimeout(150_000);
  // The requests above are over a minute old once this waits long enough; nothing else talks to this app.
  await page.goto(`${app.url}/dashboard`);
  const note = page.getByTestId('quiet-note');
  await expect(note).toBeVisible({ timeout: 90_000 });
  await expect(note).toContainText(/No requests in the last 1 min/);
  await expect(note).toContainText(/The last request came at \d\d:\d\d:\d\d \(\d+ (s|min) ago\)/);
  await note.getByRole('button', { name: 'Show the last 5 min' }).click();
  await expect(page.getByRole('radiogroup', { name: 'Chart window' }).getByRole('radio', { name: '5 min', exact: true })).toHaveAttribute('aria-checked', 'true');
  await expect(note).toHaveCount(0);
  await expect(page.getByTestId('chart-throughput').getByTestId('chart-empty')).toHaveCount(0);
});
