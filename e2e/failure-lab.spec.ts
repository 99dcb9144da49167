import { expect, test } from '@playwright/test';
import { redisAnswers } from '../lib/core/redis-probe';
import { startOwnApp } from './own-app';

test('pause the lab Redis: the breaker opens, the app bypasses, then it closes by itself', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await page.goto('/failures');
  await expect(page.getByRole('heading', { name: 'Break the cache, keep the app up' })).toBeVisible();
  await page.getByRole('button', { name: /Start traffic/ }).click();
  const breaker = page.getByTestId('breaker-state');
  await expect(breaker).toContainText('closed');

  await page.getByLabel('Pause for (s)').fill('3');
  await page.getByRole('button', { name: 'Pause Redis' }).click();
  await expect(breaker).toContainText('open', { timeout: 5000 });
  await expect(page.getByText(/without the cache for/)).toBeVisible();
  await expect(breaker).toContainText('closed', { timeout: 15_000 });
  await expect(page.getByText('using Redis')).toBeVisible();

  const pause = page.getByTestId('faults-table').locator('tbody tr').first();
  await expect(pause).toContainText('paused for 3 s');
  await expect(pause.locator('td').last()).toHaveText(/\d/, { timeout: 10_000 });
  await expect(page.getByTestId('breaker-timeline')).toContainText('open');

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: testInfo.outputPath('failures-1440.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath('failures-390.png'), fullPage: true });
  await page.getByRole('button', { name: 'Stop the traffic' }).click();
  await expect(page.getByText(/Answers per second/)).toBeVisible();
});

// `stop`: SIGTERM, the exit hook kills the lab Redis. `kill`: SIGKILL, no hook runs; its watchdog notices within a second.
for (const [ending, how] of [['stop', 'stops with the app'], ['kill', 'goes too when the app is killed outright (no exit hook runs)']] as const) {
  test(`the lab Redis the app started ${how}`, async () => {
    const app = await startOwnApp();
    try {
      const status = (await (await fetch(`${app.url}/api/labs`)).json()) as { data: { available: boolean; owned: boolean; address: string } };
      expect(status.data).toMatchObject({ available: true, owned: true });
      expect(await redisAnswers(`redis://${status.data.address}`)).toBe(true);
      await app[ending]();
      await expect.poll(() => redisAnswers(`redis://${status.data.address}`), { timeout: 5000 }).toBe(false);
    } finally {
      await app.stop();
    }
  });
}
