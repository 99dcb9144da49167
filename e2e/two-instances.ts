import { expect, type APIRequestContext } from '@playwright/test';
import type { NextApp } from './own-app';

/**
 * What must hold for two `next start` processes on one Redis (standalone or cluster): the
 * specs that start them call these.
 */

/**
 * Settings of both instances: no rate limit (a burst comes from one address), a username costing
 * 1 s, and a command timeout for a loaded 2-core machine: while the shared e2e server seeds its
 * leaderboard, these processes stall for seconds, and a lookup timing out is a bypass (the app
 * failing open, correctly — but not what these tests are about).
 */
export const INSTANCE_ENV = { RATE_LIMIT_POINTS: '0', USERNAME_DELAY_MS: '1000', REDIS_COMMAND_TIMEOUT_MS: '10000' };

export async function switchStrategy(request: APIRequestContext, app: NextApp, strategy: 'cache-aside' | 'lock' | 'swr' | 'near') {
  const response = await request.put(`${app.url}/api/scenarios/username/strategy`, { headers: { origin: app.url }, data: { strategy } });
  expect(response.status()).toBe(200);
}

/** A switch on one instance: the other serves with it within a second (its refresh), plus a loaded machine's slack. */
export async function expectSwitchFollowed(request: APIRequestContext, [first, second]: [NextApp, NextApp]) {
  await switchStrategy(request, first, 'swr');
  const switched = Date.now();
  const name = `follow_${Date.now()}`;
  await expect(async () => {
    const response = await request.get(`${second.url}/api/username/${name}`);
    expect(response.headers()['x-cache-strategy']).toBe('swr');
  }).toPass({ timeout: 5_000, intervals: [50] });
  expect(Date.now() - switched).toBeLessThan(2_500);
}

/** 200 concurrent requests for one cold key, half to each instance, under `lock`: one computation. */
export async function expectBurstComputesOnce(request: APIRequestContext, apps: [NextApp, NextApp]) {
  await switchStrategy(request, apps[0], 'lock');
  const name = `burst_${Date.now()}`;
  await expect(async () => {
    const response = await request.get(`${apps[1].url}/api/username/warm_${Date.now()}`);
    expect(response.headers()['x-cache-strategy']).toBe('lock');
  }).toPass({ timeout: 5_000, intervals: [50] });
  const responses = await Promise.all(Array.from({ length: 200 }, (_, index) => request.get(`${apps[index % 2]!.url}/api/username/${name}`)));
  expect(responses.map((response) => response.status())).toEqual(responses.map(() => 200));
  const tally: Record<string, number> = {};
  for (const response of responses) {
    const status = response.headers()['x-cache-status'] ?? 'none';
    tally[status] = (tally[status] ?? 0) + 1;
  }
  const health = await Promise.all(apps.map(async (app) => JSON.stringify(await (await request.get(`${app.url}/api/health`)).json())));
  // One computed; the others waited for it (a late arrival finds it stored: a hit).
  const timing = responses.filter((response) => response.headers()['x-cache-status'] === 'bypass').slice(0, 3).map((response) => response.headers()['server-timing']);
  expect(tally, `health and timing of some bypasses:\n${[...health, ...timing].join('\n')}`).toEqual({ miss: 1, coalesced: 199 - (tally.hit ?? 0), ...(tally.hit ? { hit: tally.hit } : {}) });
}

/** Either dashboard shows the same totals: both read them from Redis. */
export async function expectSameTotals(request: APIRequestContext, [first, second]: [NextApp, NextApp]) {
  await expect(async () => {
    const [a, b] = await Promise.all([first, second].map(async (app) => ((await (await request.get(`${app.url}/api/stats?window=60`)).json()) as { data: { total: { requests: number } } }).data.total));
    expect(a!.requests).toBeGreaterThanOrEqual(200);
    expect(b).toEqual(a);
  }).toPass({ timeout: 5_000 });
}
