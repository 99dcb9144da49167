import { expect, test } from '@playwright/test';
import { startOwnApp, type OwnApp } from './own-app';
import { invalidate, NEXT_CACHE_ENV, renderedAt } from './next-cache-journeys';

/** Next's cache when its Redis stops mid-reads: pages still answer, an invalidation fails loudly, and caching resumes by itself. */
let app: OwnApp;
const PAGES = ['/', '/leaderboard', '/weather?city=paris', '/username', '/dashboard', '/next-cache'];

test.beforeAll(async () => {
  test.setTimeout(60_000);
  app = await startOwnApp({ env: { ...NEXT_CACHE_ENV, REDIS_COMMAND_TIMEOUT_MS: '300' } });
});

test.afterAll(async () => {
  await app?.stop();
});

test('Redis stopped during page reads: every page 200 within the deadline, updateTag errors visibly, cached again after the restart', async ({ page, request }) => {
  test.setTimeout(90_000);
  const warm = await renderedAt(request, app, '/leaderboard');
  expect((await renderedAt(request, app, '/leaderboard')).at).toBe(warm.at);

  await app.redis.stop();
  for (const path of PAGES) {
    const started = Date.now();
    const response = await request.get(`${app.url}${path}`);
    expect(response.status(), path).toBe(200);
    expect(Date.now() - started, `${path} answered in`).toBeLessThan(3000);
  }
  const refused = await invalidate(request, app, 'leaderboard', { mode: 'update' }, 503);
  expect((await refused.json()).error.code).toBe('redis_unavailable');
  const health = await (await request.get(`${app.url}/api/health`)).json();
  expect(health.problems.map((problem: { code: string }) => problem.code)).toContain('next_invalidation');
  await page.goto(`${app.url}/leaderboard`);
  await expect(page.getByTestId('status-banner')).toBeVisible();

  await app.redis.resume();
  await expect(async () => {
    const first = await renderedAt(request, app, '/leaderboard');
    expect((await renderedAt(request, app, '/leaderboard')).at).toBe(first.at);
  }).toPass({ timeout: 20_000, intervals: [500] });
  await invalidate(request, app, 'leaderboard', { mode: 'update' });
});
