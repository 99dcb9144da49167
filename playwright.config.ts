import { randomBytes } from 'node:crypto';
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
/** Our own key prefix on the shared Redis; e2e/global-teardown.ts deletes it afterwards. */
const prefix = (process.env.E2E_CACHE_PREFIX ??= `cle2e-${randomBytes(4).toString('hex')}:`);
const redisUrl = (process.env.E2E_REDIS_URL ??= 'redis://127.0.0.1:6379/10');

/** Debian's Chromium: Playwright never downloads a browser here. */
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
};

/**
 * Specs that start every app they use (own prefix, own Redis or cluster): they run in a second
 * worker beside the specs of the shared server below, which stay one at a time. A new spec runs
 * with the shared server until it is listed here.
 */
const OWN_APP_SPECS = [
  'admin-token', 'classroom-admin-token', 'cluster-failover', 'cluster', 'dashboard-honesty', 'embedded-store',
  'key-life', 'misconfigured-cluster', 'observability-board', 'redis-outage', 'traces', 'two-instances',
].map((name) => `${name}.spec.ts`);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // One worker for the shared server's specs, one for the specs with apps of their own.
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromium,
  },
  projects: [
    { name: 'shared-app', testIgnore: OWN_APP_SPECS, workers: 1, use: { ...devices['Desktop Chrome'], launchOptions: chromium } },
    { name: 'own-apps', testMatch: OWN_APP_SPECS, workers: 1, use: { ...devices['Desktop Chrome'], launchOptions: chromium } },
  ],
  webServer: {
    // The production build that `npm test` made just before.
    command: `node node_modules/next/dist/bin/next start --port ${port}`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      NEXT_TELEMETRY_DISABLED: '1',
      REDIS_URL: redisUrl,
      CACHE_PREFIX: prefix,
      USERNAME_DELAY_MS: '1200',
      SENTIMENT_DELAY_MS: '800',
      WEATHER_DELAY_MS: '800',
      LEADERBOARD_DB: `${process.env.TMPDIR ?? '/tmp'}/cachelab-e2e-leaderboard.db`,
    },
  },
});
