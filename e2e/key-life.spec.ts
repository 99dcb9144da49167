import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { expect, test } from '@playwright/test';
import { startOwnApp, type OwnApp } from './own-app';

/**
 * A key's life, live: the app runs on a redis-server of its own with REDIS_NOTIFICATIONS=on
 * (it enables the notification classes there at start; the shared Redis is never reconfigured).
 */
const PREFIX = `cle2e-life-${randomBytes(4).toString('hex')}:`;
let app: OwnApp;
let redis: Redis;

test.beforeAll(async () => {
  // A busy shared machine must not open the circuit breaker: timeouts are not what this spec is about.
  app = await startOwnApp({ env: { REDIS_NOTIFICATIONS: 'on', CACHE_PREFIX: PREFIX, USERNAME_DELAY_MS: '200', RATE_LIMIT_POINTS: '0', REDIS_COMMAND_TIMEOUT_MS: '2000' } });
  redis = new Redis(app.redis.url);
});

test.afterAll(async () => {
  redis?.disconnect();
  await app?.stop();
});

test('an entry with a 3 s TTL shows `expired` on its timeline without a reload, with the lag', async ({ page, request }) => {
  const name = `life_${Date.now()}`;
  const answer = await request.get(`${app.url}/api/username/${name}?ttl=3`);
  const { cache } = (await answer.json()) as { cache: { key: string; ttlAskedMs: number } };
  expect(cache.ttlAskedMs).toBe(3000);

  await page.goto(`${app.url}/keys/life?key=${encodeURIComponent(cache.key)}`);
  await expect(page.getByTestId('stream-state')).toHaveText('Live: events are pushed');
  await expect(page.locator('[data-type="stored"]')).toContainText(`GET /api/username/${name}`);
  // Marks this document: a reload would lose it.
  await page.evaluate(() => Object.assign(window, { keptAlive: true }));

  await expect(page.locator('[data-type="expired"]')).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('[data-type="ttl-zero"]')).toBeVisible();
  await expect(page.locator('[data-type="expired"]')).toContainText('after its TTL reached zero');
  await expect(page.getByTestId('life-state')).toContainText(/Expired: Redis removed it [\d.]+ m?s after its TTL reached zero/);
  await expect(page.getByTestId('expiry-numbers')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { keptAlive?: boolean }).keptAlive)).toBe(true);
});

test('a scenario page stores with 5 s on demand and links to what happened to the key', async ({ page }) => {
  await page.goto(`${app.url}/username`);
  await page.getByLabel('Username').fill(`short_${Date.now()}`);
  await page.getByText('5 s', { exact: true }).click();
  await page.getByRole('button', { name: 'Call expensive_function' }).click();
  await expect(page.getByTestId('cache-status')).toHaveText('miss');
  await page.getByTestId('key-life-link').click();
  await expect(page.locator('[data-type="stored"]')).toContainText('TTL 5.0 s asked');
});

test('the key browser says why a row went, and keeps it a few seconds', async ({ page, request }) => {
  const name = `browse_${Date.now()}`;
  // Long enough for the dashboard to list it first on a busy machine.
  await request.get(`${app.url}/api/username/${name}?ttl=8`);
  await page.goto(`${app.url}/dashboard`);
  const row = page.locator(`[data-testid="key-row"][data-key="${PREFIX}expensive_function:${name}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('gone-reason')).toContainText(/expired by Redis [\d.]+ m?s after its TTL/, { timeout: 15_000 });
  // The earlier tests' short entries may expire while this page is open too.
  await expect(page.getByTestId('lag-summary')).toContainText(/^\d+ keys? · median [\d.]+ m?s · p95/);
  await expect(row).toHaveCount(0, { timeout: 10_000 });
});

test('40 concurrent stream clients on one process cost Redis one subscription', async () => {
  const controllers = Array.from({ length: 40 }, () => new AbortController());
  const decoder = new TextDecoder();
  const readers = await Promise.all(
    controllers.map(async (controller) => {
      const response = await fetch(`${app.url}/api/stream`, { signal: controller.signal });
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const reader = response.body!.getReader();
      let text = '';
      while (!text.includes('event: ready')) text += decoder.decode((await reader.read()).value);
      return { reader, text };
    }),
  );
  try {
    const clients = String(await redis.client('LIST')).trim().split('\n');
    // Client tracking's own invalidation channels (the strategy watch, the near cache that Next's cache reads through) are not a stream's.
    const subscribed = clients.filter((line) => (/\bsub=[1-9]/.test(line) || /\bpsub=[1-9]/.test(line)) && !/name=cachelab-(strategy-watch|near-subscriber)\b/.test(line));
    expect(subscribed).toHaveLength(1);
    const [, expiredSubscribers] = (await redis.pubsub('NUMSUB', '__keyevent@0__:expired')) as [string, number];
    expect(expiredSubscribers).toBe(1);

    // Each of the forty hears the same event through that one subscription.
    const key = `${PREFIX}expensive_function:fanout_${Date.now()}`;
    await redis.set(key, '{}', 'PX', 60_000);
    await Promise.all(
      readers.map(async (client) => {
        while (!client.text.includes(`"key":"${key}"`)) client.text += decoder.decode((await client.reader.read()).value);
      }),
    );
  } finally {
    controllers.forEach((controller) => controller.abort());
  }
});
