import { afterAll, describe, expect, it, vi } from 'vitest';
import { env } from '@/lib/core/env';
import { inspector, removeUnder } from '@/lib/testing/redis';
import { apiRequest, failure, routeContext } from '@/lib/testing/requests';
import { DELETE as closeRoute, GET as viewRoute } from './rooms/[code]/route';
import { POST as roundRoute } from './rooms/[code]/rounds/route';
import { POST as createRoute } from './rooms/route';
import { POST as joinRoute } from './rooms/[code]/students/route';

// Before any import reads lib/core/env.ts: teacher actions need the token in this file.
const TOKEN = vi.hoisted(() => {
  const token = 'classroom-test-admin-token';
  Object.assign(process.env, { ADMIN_TOKEN: token, RATE_LIMIT_POINTS: '100000' });
  return token;
});
const ADMIN = { 'x-admin-token': TOKEN };
const EVIL = { origin: 'https://evil.example' };

const redis = inspector();
afterAll(async () => {
  await removeUnder(redis, env.CACHE_PREFIX);
  redis.disconnect();
});

async function openRoom(): Promise<string> {
  const response = await createRoute(apiRequest('/api/classroom/rooms', { method: 'POST', headers: ADMIN }), routeContext({}));
  expect(response.status).toBe(201);
  return ((await response.json()) as { data: { code: string } }).data.code;
}
const join = (code: string, body: unknown, headers: Record<string, string> = {}) =>
  joinRoute(apiRequest(`/api/classroom/rooms/${code}/students`, { method: 'POST', body, headers }), routeContext({ code }));
const round = (code: string, body: unknown, headers: Record<string, string> = ADMIN) =>
  roundRoute(apiRequest(`/api/classroom/rooms/${code}/rounds`, { method: 'POST', body, headers }), routeContext({ code }));

describe('classroom API', () => {
  it('makes opening a room, running rounds and closing it teacher (admin) actions', async () => {
    expect(await failure(await createRoute(apiRequest('/api/classroom/rooms', { method: 'POST' }), routeContext({})))).toMatchObject({ status: 401, code: 'admin_token_required' });
    expect(await failure(await createRoute(apiRequest('/api/classroom/rooms', { method: 'POST', headers: { ...ADMIN, ...EVIL } }), routeContext({})))).toMatchObject({ status: 403, code: 'cross_origin' });
    const code = await openRoom();
    expect(await failure(await round(code, { kind: 'free' }, {}))).toMatchObject({ status: 401 });
    const closeUnauthorised = await closeRoute(apiRequest(`/api/classroom/rooms/${code}`, { method: 'DELETE' }), routeContext({ code }));
    expect(closeUnauthorised.status).toBe(401);
    expect((await viewRoute(apiRequest(`/api/classroom/rooms/${code}`), routeContext({ code }))).status).toBe(200);
  });

  it('lets students join without a token, but never from another site, and says why a join is refused', async () => {
    const code = await openRoom();
    expect((await join(code.toLowerCase(), { nickname: 'Ada' })).status).toBe(201);
    expect(await failure(await join(code, { nickname: 'Bob' }, EVIL))).toMatchObject({ status: 403, code: 'cross_origin' });
    expect(await failure(await join(code, { nickname: 'ADA' }))).toMatchObject({ status: 409, code: 'nickname_taken' });
    expect(await failure(await join(code, { nickname: 'x'.repeat(env.CLASSROOM_NICKNAME_MAX + 1) }))).toMatchObject({
      status: 400,
      message: `nickname: must be at most ${env.CLASSROOM_NICKNAME_MAX} characters`,
    });
    expect(await failure(await join(code, { nickname: 'Ada', extra: 1 }))).toMatchObject({ status: 400, code: 'invalid_input' });
    expect(await failure(await join(code, 'not json{'))).toMatchObject({ status: 400 });
    expect(await failure(await join('ZZZZ', { nickname: 'Ada' }))).toMatchObject({ status: 404, code: 'room_not_found' });
    expect(await failure(await join('AB1', { nickname: 'Ada' }))).toMatchObject({ status: 400, message: 'code: a room code is 4 letters, e.g. KQTM' });
  });

  it('validates rounds, and an "invalidate" round deletes the name’s cache entry', async () => {
    const code = await openRoom();
    expect(await failure(await round(code, { kind: 'ask' }))).toMatchObject({ status: 400, message: 'name: this kind of round needs a name' });
    expect(await failure(await round(code, { kind: 'shout', name: 'maxim' }))).toMatchObject({ status: 400 });
    const name = `inv_${Math.random().toString(36).slice(2, 8)}`;
    await redis.set(`${env.CACHE_PREFIX}expensive_function:${name}`, 'x');
    const started = await round(code, { kind: 'invalidate', name: name.toUpperCase() });
    expect(started.status).toBe(201);
    expect(((await started.json()) as { data: { invalidated: boolean; round: { number: number; name: string } } }).data).toMatchObject({ invalidated: true, round: { number: 2, name } });
    expect(await redis.exists(`${env.CACHE_PREFIX}expensive_function:${name}`)).toBe(0);
    expect(await failure(await round('ZZZZ', { kind: 'free' }))).toMatchObject({ status: 404, code: 'room_not_found' });
  });

  it('refuses unknown query parameters and a malformed student id on the live view, and 404s a closed room', async () => {
    const code = await openRoom();
    const view = (query: string) => viewRoute(apiRequest(`/api/classroom/rooms/${code}${query}`), routeContext({ code }));
    expect(await failure(await view('?student=nope'))).toMatchObject({ status: 400, code: 'invalid_query' });
    expect(await failure(await view('?presenter=1'))).toMatchObject({ status: 400, code: 'invalid_query' });
    expect((await closeRoute(apiRequest(`/api/classroom/rooms/${code}`, { method: 'DELETE', headers: ADMIN }), routeContext({ code }))).status).toBe(200);
    expect(await failure(await view(''))).toMatchObject({ status: 404, code: 'room_not_found' });
    expect((await closeRoute(apiRequest(`/api/classroom/rooms/${code}`, { method: 'DELETE', headers: ADMIN }), routeContext({ code }))).status).toBe(404);
  });
});
