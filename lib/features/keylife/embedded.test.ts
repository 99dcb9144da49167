import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { callApi, json } from '@/lib/testing/api';
import { plantEmbeddedStore } from '@/lib/testing/embedded';
import { runScenario } from '@/lib/scenarios/scenario';
import { usernameScenario } from '@/lib/scenarios/username';
import { invalidate } from '@/lib/cache';
import { keyLifeRecorder, listenToCache } from './recorder';
import type { KeyTimeline } from './types';

/** The embedded store sends no notifications: the timeline holds what the engine knows, and says what is missing. */
const embedded = plantEmbeddedStore();
listenToCache();
afterAll(() => embedded.restore());

async function timeline(key: string): Promise<KeyTimeline> {
  const response = await callApi({ url: `/api/keys/timeline?key=${encodeURIComponent(key)}` });
  expect(response.status).toBe(200);
  return ((await json(response)) as { data: KeyTimeline }).data;
}

describe('key life on the embedded store', () => {
  it('shows stored, hit and the TTL reaching zero, and says expired/evicted cannot be seen', async () => {
    const username = `emb_${randomBytes(3).toString('hex')}`;
    const first = await runScenario(usernameScenario, { username }, { ttlMs: 1500, origin: 'GET /api/username/test' });
    expect((await runScenario(usernameScenario, { username }, { ttlMs: 1500 })).status).toBe('hit');
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const { events, notifications } = await timeline(first.key);
    expect(events.map((event) => event.type)).toEqual(['stored', 'hit', 'ttl-zero']);
    expect(events[0]).toMatchObject({ by: 'GET /api/username/test', ttlMs: 1500 });
    expect(notifications).toMatchObject({ backend: 'embedded', listening: false, unavailable: ['expired', 'evicted'] });
    expect(notifications.message).toContain('embedded store');
  });

  it('records an invalidation, and refuses to enable notifications with an explanation', async () => {
    const username = `emb_${randomBytes(3).toString('hex')}`;
    const { key } = await runScenario(usernameScenario, { username }, { ttlMs: 60_000 });
    await invalidate(`expensive_function:${username}`);
    await keyLifeRecorder().flush();
    expect((await timeline(key)).events.map((event) => event.type)).toEqual(['stored', 'deleted']);
    const refused = await callApi({ method: 'POST', url: '/api/keys/notifications' });
    expect(refused.status).toBe(409);
    expect(await json(refused)).toMatchObject({ error: { code: 'config_refused', message: expect.stringContaining('embedded store') } });
  });
});
