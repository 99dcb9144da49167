import { expect, type APIRequestContext } from '@playwright/test';
import type { NextApp } from './own-app';

/**
 * What must hold for two `next start` processes on one Redis (standalone or cluster): the
 * specs that start them call these.
 */

/** Settings of both instances: no rate limit (a burst comes from one address), a username costing 1 s. */
export const INSTANCE_ENV = { RATE_LIMIT_POINTS: '0', USERNAME_DELAY_MS: '1000' };

export async function switchStrategy(request: APIRequestContext, app: NextApp, strategy: 'cache-aside' | 'lock' | 'swr') {
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
  const statuses = responses.map((response) => response.headers()['x-cache-status']);
  expect(statuses.filter((status) => status === 'miss')).toHaveLength(1);
  expect(statuses.filter((status) => status === 'coalesced' || status === 'hit')).toHaveLength(199);
}

/** Either dashboard shows the same totals: both read them from Redis. */
export async function expectSameTotals(request: APIRequestContext, [first, second]: [NextApp, NextApp]) {
  await expect(async () => {
    const [a, b] = await Promise.all([first, second].map(async (app) => ((await (await request.get(`${app.url}/api/stats?window=60`)).json()) as { data: { total: { requests: number } } }).data.total));
    expect(a!.requests).toBeGreaterThanOrEqual(200);
    expect(b).toEqual(a);
  }).toPass({ timeout: 5_000 });
}
