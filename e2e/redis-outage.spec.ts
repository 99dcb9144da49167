import { expect, test, type Page } from '@playwright/test';
import { startOwnApp, type OwnApp } from './own-app';

/**
 * Redis dies under a running app: the banner says so, requests keep answering without the
 * cache, and when Redis is back the banner goes and hits resume, without a restart. The app
 * runs on its own password-protected Redis, which must never show in a page or a log line.
 */
const PASSWORD = 'e2e-Redis-Pa55word';
let app: OwnApp;

test.beforeAll(async () => {
  app = await startOwnApp({
    password: PASSWORD,
    env: { USERNAME_DELAY_MS: '300', REDIS_COMMAND_TIMEOUT_MS: '300', REDIS_BREAKER_COOLDOWN_MS: '1000' },
  });
});

test.afterAll(async () => {
  await app?.stop();
});

async function ask(page: Page, name: string) {
  await page.getByLabel('Username').fill(name);
  await page.getByRole('button', { name: 'Call expensive_function' }).click();
}

test('the banner says Redis is down, requests still answer, and hits resume when it returns', async ({ page }) => {
  test.setTimeout(90_000);
  const name = `outage_${Date.now()}`;
  const banner = page.getByTestId('status-banner');
  const status = page.getByTestId('cache-status');

  await page.goto(`${app.url}/username`);
  await ask(page, name);
  await expect(status).toHaveText('miss');
  await ask(page, name);
  await expect(status).toHaveText('hit');
  await expect(banner).toHaveCount(0);

  await app.redis.stop();
  await expect(banner).toContainText('Redis is down', { timeout: 15_000 });
  await ask(page, name);
  await expect(status).toHaveText('bypass');
  await expect(page.getByTestId('history').getByRole('listitem').first()).toContainText('bypass');

  await app.redis.resume();
  await expect(banner).toHaveCount(0, { timeout: 20_000 });
  // The restarted Redis is empty: a miss fills it, then the same name hits again.
  await expect(async () => {
    await ask(page, name);
    await expect(status).toHaveText('hit', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
});

test('the Redis password appears in no page, API answer or log line, Redis up or down', async ({ request }) => {
  const paths = ['/', '/username', '/api/health', '/api/username/pw', '/api/username/x%20y'];
  const expose = async () => {
    for (const path of paths) {
      const response = await request.get(`${app.url}${path}`);
      expect(await response.text(), path).not.toContain(PASSWORD);
      expect(JSON.stringify(response.headers()), path).not.toContain(PASSWORD);
    }
  };
  await expose();
  await app.redis.stop();
  try {
    await expose();
    await expect.poll(app.output, { timeout: 15_000 }).toContain('Redis connection problem');
  } finally {
    await app.redis.resume();
  }
  expect(app.output()).not.toContain(PASSWORD);
});
