import { expect, test } from '@playwright/test';
import { NAV_LINKS } from '../components/nav-links';

const WIDTHS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/**
 * Every page the nav links to (its scenario entries come from the registry), at desktop and
 * phone widths: it renders, nothing spills sideways on a phone, and a full-page screenshot is
 * kept as a test artifact for a human to look at.
 */
for (const viewport of WIDTHS) {
  test(`every nav page at ${viewport.name} width`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.goto('/');
    // By CSS, not role: on a phone the links sit folded in the menu until it is opened.
    const links = await page.locator('nav[aria-label="Main"] a').evaluateAll((anchors) =>
      anchors.map((anchor) => ({ href: new URL((anchor as HTMLAnchorElement).href).pathname, label: anchor.textContent ?? '' })),
    );
    expect(links.map((link) => link.href)).toEqual(expect.arrayContaining(['/', '/username', '/rates', '/dashboard', '/simulator']));
    for (const link of links) {
      await test.step(link.label, async () => {
        const response = await page.goto(link.href);
        expect(response?.status()).toBe(200);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        // Live pages poll forever, so wait for the first data rather than for an idle network.
        await page.waitForLoadState('load');
        await page.waitForTimeout(1000);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `horizontal overflow in px on ${link.href}`).toBeLessThanOrEqual(0);
        const slug = link.href === '/' ? 'home' : link.href.slice(1).replaceAll('/', '-');
        await testInfo.attach(`${slug}-${viewport.name}.png`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
      });
    }
  });
}

test('the home page lists every scenario the nav lists', async ({ page }) => {
  await page.goto('/');
  const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').evaluateAll((anchors) => anchors.map((anchor) => new URL((anchor as HTMLAnchorElement).href).pathname));
  const cards = await page.locator('section[aria-labelledby="scenarios"] a').evaluateAll((anchors) => anchors.map((anchor) => new URL((anchor as HTMLAnchorElement).href).pathname));
  // NAV_LINKS are the pages that are not scenarios (Home, Dashboard, Simulator, Classroom…).
  const pages: string[] = NAV_LINKS.map((link) => link.href);
  const scenarios = nav.filter((href) => !pages.includes(href));
  expect(scenarios.length).toBeGreaterThanOrEqual(5);
  expect(cards).toEqual(expect.arrayContaining(scenarios));
});

test('the exchange-rate page looks a pair up: a miss, then a hit until the next publication', async ({ page }) => {
  await page.goto('/rates');
  await page.getByLabel('Currency pair').fill('chf-sek');
  await page.getByRole('button', { name: 'Get the rate' }).click();
  await expect(page.getByTestId('cache-status')).toHaveText(/miss|hit/, { timeout: 15_000 });
  await expect(page.getByTestId('value')).toContainText('"pair": "CHF-SEK"');
  await expect(page.getByTestId('cache-key')).toHaveText(/rates:CHF-SEK$/);
  await page.getByRole('button', { name: 'Get the rate' }).click();
  await expect(page.getByTestId('cache-status')).toHaveText('hit');
});

test('a browser or tool that asks for /favicon.ico gets the icon, not the 404 page', async ({ request }) => {
  const response = await request.get('/favicon.ico');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  const body = await response.body();
  // An ICO directory: reserved 0, type 1 (icon), then the number of images (16, 32 and 48 px).
  expect([body.readUInt16LE(0), body.readUInt16LE(2), body.readUInt16LE(4)]).toEqual([0, 1, 3]);
});
