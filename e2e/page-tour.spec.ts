import { expect, test } from '@playwright/test';
import { NAV_LINKS } from '../components/nav-links';

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/**
 * Every page at desktop and phone widths: it renders, nothing spills sideways on a phone,
 * and a full-page screenshot is kept as a test artifact for a human to look at.
 */
for (const link of NAV_LINKS) {
  for (const viewport of WIDTHS) {
    test(`${link.label} page at ${viewport.name} width`, async ({ page }, testInfo) => {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      const response = await page.goto(link.href);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      // Live pages poll forever, so wait for the first data rather than for an idle network.
      await page.waitForLoadState('load');
      await page.waitForTimeout(1000);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
      const slug = link.href === '/' ? 'home' : link.href.slice(1).replaceAll('/', '-');
      await testInfo.attach(`${slug}-${viewport.name}.png`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
    });
  }
}
