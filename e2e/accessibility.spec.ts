import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

/**
 * Every page passes axe-core's WCAG 2.1 AA rules at projector and phone width, in the states a
 * visitor sees (after a request, with the token dialog open), and works with the keyboard alone.
 * With SHOTS_DIR set, each page is also saved as a screenshot for a person to look at.
 */
const WIDTHS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
/** Every page the nav links to (checked below, so a new page cannot be missed), and the 404. */
const NAV_PAGES = ['/', '/username', '/sentiment', '/leaderboard', '/weather', '/rates', '/dashboard', '/simulator', '/next-cache', '/eviction', '/failures', '/classroom'];
const PAGES = [...NAV_PAGES, '/no-such-page'];
const shots = process.env.SHOTS_DIR;
if (shots) mkdirSync(shots, { recursive: true });

async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = results.violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 5).join(' | ')}`);
  expect(found, `${what}: axe violations`).toEqual([]);
}

async function shot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

test('the pages checked here are every page the navigation links to', async ({ page }) => {
  await page.goto('/');
  const linked = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').evaluateAll((anchors) => anchors.map((anchor) => new URL((anchor as HTMLAnchorElement).href).pathname));
  expect([...linked].sort()).toEqual([...NAV_PAGES].sort());
});

for (const size of WIDTHS) {
  test.describe(`at ${size.width} px`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    for (const path of PAGES) {
      test(`${path} passes WCAG 2.1 AA`, async ({ page }) => {
        await page.goto(path);
        await expect(page.locator('main h1').first()).toBeVisible();
        // Let the live parts (polls, charts) arrive before judging them.
        await page.waitForLoadState('networkidle').catch(() => undefined);
        await expectNoViolations(page, path);
        await shot(page, `${size.name}${path === '/' ? '-home' : path.replaceAll('/', '-')}`);
      });
    }

    test('a scenario page after a request passes too', async ({ page }) => {
      await page.goto('/username');
      await page.getByLabel('Username').fill(`axe_${size.name}_${Date.now()}`);
      await page.getByRole('button', { name: 'Call expensive_function' }).click();
      await expect(page.getByTestId('cache-status')).toHaveText('miss', { timeout: 15_000 });
      await page.getByRole('button', { name: 'Call expensive_function' }).click();
      await expect(page.getByTestId('cache-status')).toHaveText('hit');
      await expectNoViolations(page, '/username with a result');
      await shot(page, `${size.name}-username-result`);
    });
  });
}

test('the phone menu is one row, opens and closes with the keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/username');
  const header = page.locator('header');
  expect((await header.boundingBox())?.height).toBeLessThan(70);
  const menu = page.getByRole('button', { name: /Menu/ });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Home' })).toBeFocused();
  await page.getByRole('link', { name: 'Dashboard' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
});

test('a request and its invalidation, with the keyboard alone', async ({ page }) => {
  await page.goto('/username');
  const field = page.getByLabel('Username');
  // From the top of the page, Tab reaches the field; Enter sends.
  for (let step = 0; step < 20 && !(await field.evaluate((element) => element === document.activeElement)); step += 1) await page.keyboard.press('Tab');
  await expect(field).toBeFocused();
  await page.keyboard.type(`keys_${Date.now()}`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cache-status')).toHaveText('miss', { timeout: 15_000 });
  const invalidate = page.getByRole('button', { name: 'Invalidate this key' });
  for (let step = 0; step < 30 && !(await invalidate.evaluate((element) => element === document.activeElement)); step += 1) await page.keyboard.press('Tab');
  await expect(invalidate).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Entry deleted: the next request is a miss.')).toBeVisible();
});

test('reduced motion: countdown bars and pulses stand still', async ({ browser }) => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto('/username');
  await page.getByLabel('Username').fill(`motion_${Date.now()}`);
  await page.getByRole('button', { name: 'Call expensive_function' }).click();
  const pulse = page.locator('.animate-pulse').first();
  await expect(pulse).toBeVisible();
  expect(await pulse.evaluate((element) => getComputedStyle(element).animationDuration)).toBe('0s');
  await expect(page.getByTestId('cache-status')).toHaveText('miss', { timeout: 15_000 });
  const bar = page.getByRole('progressbar', { name: 'Time left before the entry expires' }).locator('div');
  expect(await bar.evaluate((element) => getComputedStyle(element).transitionDuration)).toBe('0s');
  await context.close();
});

test('live dashboard figures are announced politely, not every second', async ({ page }) => {
  await page.goto('/dashboard');
  const summary = page.getByTestId('live-summary');
  await expect(summary).toHaveAttribute('aria-live', 'polite');
  await expect(summary).toContainText(/requests, hit ratio/);
  // The one-second poll runs underneath; the region changes at most once per 5 s.
  const texts = new Set<string>();
  const started = Date.now();
  while (Date.now() - started < 4000) {
    texts.add((await summary.textContent()) ?? '');
    if (texts.size === 1) await page.request.get(`/api/username/announce_${Date.now()}`);
    await page.waitForTimeout(250);
  }
  expect(texts.size).toBeLessThanOrEqual(2);
  await expect(page.getByTestId('live-indicator')).not.toHaveAttribute('aria-live', 'assertive');
});

test('a favicon and a styled 404', async ({ page, request }) => {
  const icon = await request.get('/icon.svg');
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
  await page.goto('/no-such-page');
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute('href', /icon\.svg/);
  await expect(page.getByRole('heading', { name: 'No page at this address' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).or(page.getByRole('button', { name: /Menu/ })).first()).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: 'Dashboard' })).toBeVisible();
});
