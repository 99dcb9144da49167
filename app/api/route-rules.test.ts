import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeclaredRoute } from '@/lib/http/handler';
import { routePatterns } from '@/lib/testing/api';

/**
 * Walks every app/api/**\/route.ts and checks that what each handler declares with `route()` is
 * what it enforces: a route added without `route()` fails here, and so does a rule that is
 * declared but not applied. Settings are read once, so the small budget is set before any import.
 */
const POINTS = vi.hoisted(() => {
  process.env.RATE_LIMIT_POINTS = '3';
  process.env.RATE_LIMIT_WINDOW_SECONDS = '60';
  return 3;
});

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];

/** A value for each dynamic segment; a route with a new segment name must add one here. */
const SEGMENTS: Record<string, string> = { username: 'rules_user', city: 'paris', scenario: 'username', id: 'no-such-run', code: 'ZZZZ', tag: 'rules-tag' };
/** Inputs that reach the computation, for routes charged only when they compute. */
const COMPUTE_BODIES: Record<string, unknown> = { '/api/sentiment': { sentence: 'rules are rules' } };
const COMPUTE_INPUTS: Record<string, string> = { '/api/scenarios/[scenario]': '&username=rules_user' };

interface Declared {
  pattern: string;
  method: Method;
  handler: DeclaredRoute;
}

const declared: Declared[] = [];
const exportedPlain: string[] = [];

beforeAll(async () => {
  for (const [pattern, file] of routePatterns()) {
    const routeModule = (await import(file)) as Partial<Record<Method, DeclaredRoute>>;
    for (const method of METHODS) {
      const handler = routeModule[method];
      if (!handler) continue;
      if (handler.rules === undefined) exportedPlain.push(`${method} ${pattern}`);
      else declared.push({ pattern, method, handler });
    }
  }
});

afterAll(async () => {
  const { env } = await import('@/lib/core/env');
  const { inspector, removeUnder } = await import('@/lib/testing/redis');
  const redis = inspector();
  await removeUnder(redis, env.CACHE_PREFIX);
  redis.disconnect();
});

function pathOf(pattern: string): string {
  return pattern.replace(/\[(\w+)\]/g, (_whole, name: string) => {
    const value = SEGMENTS[name];
    if (value === undefined) throw new Error(`${pattern}: add a sample value for [${name}] to SEGMENTS`);
    return value;
  });
}

let clients = 0;
async function call(route: Declared, init: { query?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  const url = `http://localhost${pathOf(route.pattern)}${init.query ? `?${init.query}` : ''}`;
  const headers: Record<string, string> = { host: 'localhost:3000', 'x-forwarded-for': `rules-${(clients += 1)}`, ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const request = new NextRequest(url, { method: route.method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const params: Record<string, string> = {};
  for (const [, name] of route.pattern.matchAll(/\[(\w+)\]/g)) params[name as string] = SEGMENTS[name as string] as string;
  const response = await route.handler(request, { params: Promise.resolve(params) });
  return { status: response.status, headers: response.headers, body: (await response.json().catch(() => null)) as { error?: { code: string } } | null };
}

const label = (route: Declared) => `${route.method} ${route.pattern}`;

describe('every API route declares its rules with route()', () => {
  it('finds the routes, and none is exported without route()', () => {
    expect(declared.length).toBeGreaterThanOrEqual(20);
    expect(exportedPlain).toEqual([]);
  });

  it('guards and limits every mutation (a POST lookup, charged on compute, is not one)', () => {
    const mutations = declared.filter((route) => route.method !== 'GET' && route.handler.rules.limit !== 'compute');
    expect(mutations.filter((route) => route.handler.rules.admin === undefined).map(label)).toEqual([]);
    expect(mutations.filter((route) => route.handler.rules.limit === undefined).map(label)).toEqual([]);
  });
});

describe('each declared rule is enforced', () => {
  it('refuses an unknown Host on every route, read-only ones included (DNS rebinding)', async () => {
    for (const route of declared) {
      const answer = await call(route, { headers: { host: 'evil.example', origin: 'http://evil.example' } });
      expect({ route: label(route), status: answer.status, code: answer.body?.error?.code }).toEqual({ route: label(route), status: 421, code: 'unknown_host' });
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('answers an unknown query parameter with 400 invalid_query', async () => {
    for (const route of declared) {
      const answer = await call(route, { query: 'unexpected=1' });
      expect({ route: label(route), status: answer.status, code: answer.body?.error?.code }).toEqual({ route: label(route), status: 400, code: 'invalid_query' });
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('refuses a cross-origin request to every guarded route with 403', async () => {
    const guarded = declared.filter((route) => route.handler.rules.admin !== undefined);
    expect(guarded.length).toBeGreaterThan(0);
    for (const route of guarded) {
      const answer = await call(route, { headers: { origin: 'http://evil.example' } });
      expect({ route: label(route), status: answer.status, code: answer.body?.error?.code }).toEqual({ route: label(route), status: 403, code: 'cross_origin' });
    }
  });

  it(`answers 429 with Retry-After once a client has spent its ${POINTS} points on a limited route`, async () => {
    const limited = declared.filter((route) => route.handler.rules.limit !== undefined);
    expect(limited.length).toBeGreaterThan(0);
    for (const route of limited) {
      // Charged on compute: a bypass always computes. Otherwise the charge comes before any input is read.
      const compute = route.handler.rules.limit === 'compute';
      const init = { query: compute ? `cache=bypass${COMPUTE_INPUTS[route.pattern] ?? ''}` : undefined, body: compute ? COMPUTE_BODIES[route.pattern] : undefined, headers: { 'x-forwarded-for': `budget-${label(route)}` } };
      const answers = [];
      for (let index = 0; index <= POINTS; index += 1) answers.push(await call(route, init));
      const last = answers.at(-1);
      expect({ route: label(route), early: answers.slice(0, POINTS).filter((answer) => answer.status === 429).length, last: last?.status }).toEqual({
        route: label(route),
        early: 0,
        last: 429,
      });
      expect(Number(last?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('DNS rebinding: POST /api/stats/reset from evil.example', () => {
  it('is refused with 421 and deletes nothing, while the same request to localhost resets', async () => {
    const { env } = await import('@/lib/core/env');
    const { statsKeys } = await import('@/lib/cache/keys');
    const { inspector } = await import('@/lib/testing/redis');
    const redis = inspector();
    const totals = statsKeys.totals('live', 'username', env.CACHE_PREFIX);
    await redis.hset(totals, 'hit', '7');
    const reset = declared.find((route) => route.pattern === '/api/stats/reset' && route.method === 'POST');
    if (!reset) throw new Error('POST /api/stats/reset not found');
    try {
      const rebound = await call(reset, { headers: { host: 'evil.example', origin: 'http://evil.example' } });
      expect(rebound.status).toBe(421);
      expect(await redis.hget(totals, 'hit')).toBe('7');
      const local = await call(reset, { headers: { host: 'localhost:3000', origin: 'http://localhost:3000' } });
      expect(local.status).toBe(200);
      expect(await redis.exists(totals)).toBe(0);
    } finally {
      redis.disconnect();
    }
  });
});
