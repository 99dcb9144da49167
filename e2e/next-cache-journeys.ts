import { expect, type APIRequestContext } from '@playwright/test';
import type { NextApp } from './own-app';

/**
 * What Next's cache on Redis must do across instances (standalone, cluster) and in one (embedded):
 * the specs that start the apps call these. A section's `data-cache-rendered-at` is its render time,
 * part of the cached result: the same value means the same entry served, a new one a new render.
 */

/** Instances' settings: a fast simulated upstream, no rate limit, room for a loaded machine. */
export const NEXT_CACHE_ENV = { RATE_LIMIT_POINTS: '0', WEATHER_DELAY_MS: '150', REDIS_COMMAND_TIMEOUT_MS: '5000' };

/** The render time of the (one) cached section of `path` as `app` serves it now, and the instance that rendered it. */
export async function renderedAt(request: APIRequestContext, app: NextApp, path: string): Promise<{ at: number; by: string }> {
  const response = await request.get(`${app.url}${path}`);
  expect(response.status(), `${path} on ${app.url}`).toBe(200);
  const html = await response.text();
  const at = /data-cache-rendered-at="(\d+)"/.exec(html)?.[1];
  const by = /data-cache-instance="([^"]+)"/.exec(html)?.[1];
  expect(at, `${path}: no cached section in the page`).toBeDefined();
  return { at: Number(at), by: by! };
}

export async function invalidate(request: APIRequestContext, app: NextApp, tag: string, body: object, expected = 200) {
  const response = await request.post(`${app.url}/api/next-cache/tags/${encodeURIComponent(tag)}`, { headers: { origin: app.url }, data: body });
  expect(response.status(), await response.text()).toBe(expected);
  return response;
}

/** A section read twice is the same render (cached), wherever it is read. */
async function cachedEverywhere(request: APIRequestContext, apps: readonly NextApp[], path: string): Promise<number> {
  const first = await renderedAt(request, apps[0]!, path);
  for (const app of apps) expect((await renderedAt(request, app, path)).at, `${path} on ${app.url}`).toBe(first.at);
  return first.at;
}

/** updateTag on A → fresh on B's next read, and cached again afterwards (on every instance). */
export async function expectUpdateReachesEveryInstance(request: APIRequestContext, apps: readonly NextApp[]) {
  const before = await cachedEverywhere(request, apps, '/leaderboard');
  await invalidate(request, apps[0]!, 'leaderboard', { mode: 'update' });
  const after = await renderedAt(request, apps.at(-1)!, '/leaderboard');
  expect(after.at).toBeGreaterThan(before);
  expect(await cachedEverywhere(request, apps, '/leaderboard')).toBe(after.at);
}

/** revalidateTag(tag, 'max') on A → stale served once (on whichever instance asks first), then the fresh entry everywhere, cached again. */
export async function expectRevalidateServesStaleOnce(request: APIRequestContext, apps: readonly NextApp[]) {
  const before = await cachedEverywhere(request, apps, '/weather?city=paris');
  await invalidate(request, apps[0]!, 'weather:paris', { mode: 'revalidate', profile: 'max' });
  const stale = await renderedAt(request, apps.at(-1)!, '/weather?city=paris');
  expect(stale.at, 'the first read after revalidateTag serves the stale entry').toBe(before);
  // Each instance that read it before a regenerated one landed served it stale once too, and made it again.
  await expect(async () => {
    const fresh = await cachedEverywhere(request, apps, '/weather?city=paris');
    expect(fresh).toBeGreaterThan(before);
  }).toPass({ timeout: 10_000, intervals: [200] });
}

/** revalidatePath('/weather') on A → that path fresh on B; the leaderboard page's entry untouched. */
export async function expectPathRevalidatesOnlyItsPath(request: APIRequestContext, apps: readonly NextApp[]) {
  const weather = await cachedEverywhere(request, apps, '/weather?city=oslo');
  const leaderboard = await cachedEverywhere(request, apps, '/leaderboard');
  const response = await request.post(`${apps[0]!.url}/api/next-cache/paths`, { headers: { origin: apps[0]!.url }, data: { path: '/weather' } });
  expect(response.status(), await response.text()).toBe(200);
  expect((await renderedAt(request, apps.at(-1)!, '/weather?city=oslo')).at).toBeGreaterThan(weather);
  expect((await renderedAt(request, apps.at(-1)!, '/leaderboard')).at).toBe(leaderboard);
}

/** The listing shows what Redis holds, the way the contract says. */
export async function expectEntriesListed(request: APIRequestContext, app: NextApp) {
  const body = await (await request.get(`${app.url}/api/next-cache/entries`)).json();
  const entries = body.data.entries as { kind: string; tags: string[]; sizeBytes: number; revalidateAt: number; expireAt: number; instance: string }[];
  const top = entries.find((entry) => entry.kind === 'use-cache' && entry.tags.includes('leaderboard'));
  expect(top, JSON.stringify(entries.slice(0, 5))).toBeDefined();
  expect(top!.sizeBytes).toBeGreaterThan(100);
  expect(top!.expireAt).toBeGreaterThan(Date.now());
  expect(top!.instance.length).toBeGreaterThan(0);
  expect((body.data.events as { type: string }[]).map((event) => event.type)).toContain('tag-invalidated');
}
