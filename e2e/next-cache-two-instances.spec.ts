import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { twoInstancesOnOwnRedis } from './own-app';
import {
  expectEntriesListed, expectPathRevalidatesOnlyItsPath, expectRevalidateServesStaleOnce, expectUpdateReachesEveryInstance, NEXT_CACHE_ENV, renderedAt,
} from './next-cache-journeys';

/** Next's cache on Redis with two `next start` processes on one standalone Redis of their own. */
const apps = twoInstancesOnOwnRedis('standalone', NEXT_CACHE_ENV, (index) => ({ NEXT_CACHE_INSTANCE: index === 0 ? 'instance-a' : 'instance-b' }));

test('updateTag, revalidateTag(max) and revalidatePath on one instance reach the other', async ({ request }) => {
  test.setTimeout(90_000);
  await expectUpdateReachesEveryInstance(request, apps());
  await expectRevalidateServesStaleOnce(request, apps());
  await expectPathRevalidatesOnlyItsPath(request, apps());
  await expectEntriesListed(request, apps()[1]);
});

test('the pages say which instance rendered a section and which served the page; the admin buttons invalidate', async ({ page, request }) => {
  const first = await renderedAt(request, apps()[0], '/leaderboard');
  await page.goto(`${apps()[1].url}/leaderboard`);
  const section = page.getByRole('region', { name: 'Top 10, as a cached page section' });
  await expect(section).toHaveAttribute('data-cache-rendered-at', String(first.at));
  await expect(section.getByTestId('rendered-by')).toHaveText(first.by);
  await expect(section.getByTestId('served-by')).toHaveText('instance-b');
  await section.getByRole('button', { name: 'Update tag leaderboard' }).click();
  await expect(section.getByRole('status')).toContainText('Tag leaderboard updated');
  await expect(async () => expect(Number(await page.getByRole('region', { name: 'Top 10, as a cached page section' }).getAttribute('data-cache-rendered-at'))).toBeGreaterThan(first.at)).toPass({ timeout: 10_000 });
  await expect(page.getByRole('region', { name: 'Top 10, as a cached page section' }).getByTestId('rendered-by')).toHaveText('instance-b');
});

test('/next-cache lists the entries with their countdowns and the events, at 1440 and 390 px, with no axe violation', async ({ page, request }) => {
  await renderedAt(request, apps()[0], '/weather?city=paris');
  mkdirSync('test-results/next-cache', { recursive: true });
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${apps()[0].url}/next-cache`);
    const entries = page.getByTestId('next-entry');
    await expect(entries.first()).toBeVisible();
    await expect(page.getByTestId('next-entry').filter({ hasText: 'weather:paris' }).first()).toContainText(/Expires\s*in \d/);
    await expect(page.getByTestId('next-events')).toContainText('stored');
    await page.screenshot({ path: `test-results/next-cache/next-cache-${width}.png`, fullPage: true });
    await entries.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/next-cache/next-cache-${width}-entries.png` });
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
  }
  await page.goto(`${apps()[0].url}/weather?city=paris`);
  await page.getByRole('region', { name: /the forecast as a cached page section/ }).screenshot({ path: 'test-results/next-cache/weather-section-390.png' });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${apps()[0].url}/leaderboard`);
  await page.getByRole('region', { name: 'Top 10, as a cached page section' }).screenshot({ path: 'test-results/next-cache/leaderboard-section-1440.png' });
});
