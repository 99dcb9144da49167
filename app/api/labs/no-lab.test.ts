import { describe, expect, it } from 'vitest';
import { callApi, json } from '@/lib/testing/api';

// Neither LAB_REDIS_URL nor a redis-server to start: the labs say so; and lab actions are admin actions.
delete process.env.LAB_REDIS_URL;
Object.assign(process.env, { LAB_REDIS_SPAWN: 'false', ADMIN_TOKEN: 'lab-secret' });

const post = (url: string, headers: Record<string, string> = {}) =>
  callApi({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ action: 'kill-connections' }) });

describe('labs without a lab Redis', () => {
  it('GET /api/labs says there is none and how to get one', async () => {
    const response = await callApi({ url: '/api/labs' });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ data: { available: false, address: null, reason: expect.stringContaining('LAB_REDIS_URL') } });
  });

  it('lab actions need the admin token and the same origin, then answer 503 without a lab Redis', async () => {
    expect((await post('/api/labs/faults')).status).toBe(401);
    expect((await post('/api/labs/faults', { origin: 'https://elsewhere.example', 'x-admin-token': 'lab-secret' })).status).toBe(403);
    const response = await post('/api/labs/faults', { 'x-admin-token': 'lab-secret' });
    expect(response.status).toBe(503);
    expect(await json(response)).toMatchObject({ error: { code: 'no_lab_redis' } });
    const eviction = await callApi({ method: 'POST', url: '/api/labs/eviction', headers: { 'content-type': 'application/json', 'x-admin-token': 'lab-secret' }, body: '{}' });
    expect(eviction.status).toBe(503);
  });
});
