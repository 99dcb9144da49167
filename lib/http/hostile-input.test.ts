import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { callApi, json, ORIGIN, type ApiCall } from '../testing/api';
import { inspector, keysUnder, removeUnder } from '../testing/redis';

/**
 * Hostile input, one row per case: every row must get its 4xx in the standard error shape,
 * change nothing in Redis, and leave the server answering. A new endpoint adds rows here
 * (and one line in lib/testing/api.ts). Control characters, CRLF and glob characters go
 * percent-encoded in the path, as they arrive over HTTP.
 */
interface HostileCase extends ApiCall {
  name: string;
  status: number;
  code: string;
}

// Before any import reads lib/env.ts.
const TOKEN = vi.hoisted(() => {
  const token = 'hostile-test-admin-token';
  Object.assign(process.env, { ADMIN_TOKEN: token, RATE_LIMIT_POINTS: '100000' });
  return token;
});
const ADMIN = { 'x-admin-token': TOKEN };
const EVIL = 'https://evil.example';
const FORGED_SUBREQUEST = { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' };
const LONG = 'a'.repeat(65);

const CASES: HostileCase[] = [
  // GET /api/username/{username}: every character that could bend the key `expensive_function:<username>`
  { name: 'blank username', url: '/api/username/%20%20', status: 400, code: 'invalid_input' },
  { name: 'username one character too long', url: `/api/username/${LONG}`, status: 400, code: 'invalid_input' },
  { name: 'username of 8 KB', url: `/api/username/${'b'.repeat(8192)}`, status: 400, code: 'invalid_input' },
  { name: 'space inside', url: '/api/username/a%20b', status: 400, code: 'invalid_input' },
  { name: 'null byte', url: '/api/username/a%00b', status: 400, code: 'invalid_input' },
  { name: 'bell (control character)', url: '/api/username/a%07b', status: 400, code: 'invalid_input' },
  { name: 'escape (control character)', url: '/api/username/a%1Bb', status: 400, code: 'invalid_input' },
  { name: 'DEL (control character)', url: '/api/username/a%7Fb', status: 400, code: 'invalid_input' },
  { name: 'CRLF', url: '/api/username/a%0D%0Ab', status: 400, code: 'invalid_input' },
  { name: 'CRLF with a fake header', url: '/api/username/a%0D%0ASet-Cookie:%20x=1', status: 400, code: 'invalid_input' },
  { name: 'tab inside', url: '/api/username/a%09b', status: 400, code: 'invalid_input' },
  { name: 'glob star', url: '/api/username/%2A', status: 400, code: 'invalid_input' },
  { name: 'glob question mark', url: '/api/username/a%3Fb', status: 400, code: 'invalid_input' },
  { name: 'glob brackets', url: '/api/username/%5Babc%5D', status: 400, code: 'invalid_input' },
  { name: 'backslash', url: '/api/username/a%5Cb', status: 400, code: 'invalid_input' },
  { name: 'braces', url: '/api/username/%7Ba%7D', status: 400, code: 'invalid_input' },
  { name: 'key separator', url: '/api/username/a%3Ab', status: 400, code: 'invalid_input' },
  { name: 'encoded slash (another key namespace)', url: '/api/username/..%2F_stats', status: 400, code: 'invalid_input' },
  { name: 'right-to-left override', url: '/api/username/%E2%80%AEnimda', status: 400, code: 'invalid_input' },
  { name: 'zero-width space', url: '/api/username/a%E2%80%8Bb', status: 400, code: 'invalid_input' },
  { name: 'emoji', url: '/api/username/%F0%9F%98%80', status: 400, code: 'invalid_input' },
  { name: 'unknown query parameter', url: '/api/username/alice?foo=1', status: 400, code: 'invalid_query' },
  { name: 'cache mode in capitals', url: '/api/username/alice?cache=BYPASS', status: 400, code: 'invalid_query' },
  { name: 'empty cache mode', url: '/api/username/alice?cache=', status: 400, code: 'invalid_query' },
  { name: 'repeated parameter', url: '/api/username/alice?cache=bypass&cache=bypass', status: 400, code: 'invalid_query' },
  { name: 'array-style parameter', url: '/api/username/alice?cache[]=bypass', status: 400, code: 'invalid_query' },
  { name: '__proto__ parameter', url: '/api/username/alice?__proto__=1', status: 400, code: 'invalid_query' },
  { name: 'constructor parameter', url: '/api/username/alice?constructor=x', status: 400, code: 'invalid_query' },
  { name: 'negative TTL', url: '/api/username/alice?ttl=-1', status: 400, code: 'invalid_query' },
  { name: 'huge number', url: '/api/username/alice?ttl=1e309', status: 400, code: 'invalid_query' },

  // DELETE /api/username/{username}: a mutation (ADMIN_TOKEN is set for this file)
  { name: 'cross-origin delete', method: 'DELETE', url: '/api/username/alice', headers: { origin: EVIL, ...ADMIN }, status: 403, code: 'cross_origin' },
  { name: 'look-alike origin', method: 'DELETE', url: '/api/username/alice', headers: { origin: `${ORIGIN}.evil.example`, ...ADMIN }, status: 403, code: 'cross_origin' },
  { name: 'opaque origin "null"', method: 'DELETE', url: '/api/username/alice', headers: { origin: 'null', ...ADMIN }, status: 403, code: 'cross_origin' },
  { name: 'cross-site without Origin', method: 'DELETE', url: '/api/username/alice', headers: { 'sec-fetch-site': 'cross-site', ...ADMIN }, status: 403, code: 'cross_origin' },
  {
    name: 'forged middleware subrequest, cross-origin',
    method: 'DELETE',
    url: '/api/username/alice',
    headers: { origin: EVIL, ...FORGED_SUBREQUEST, ...ADMIN },
    status: 403,
    code: 'cross_origin',
  },
  { name: 'no admin token', method: 'DELETE', url: '/api/username/alice', headers: { origin: ORIGIN }, status: 401, code: 'admin_token_required' },
  { name: 'wrong admin token', method: 'DELETE', url: '/api/username/alice', headers: { 'x-admin-token': 'guess' }, status: 401, code: 'admin_token_required' },
  { name: 'token in other case', method: 'DELETE', url: '/api/username/alice', headers: { 'x-admin-token': TOKEN.toUpperCase() }, status: 401, code: 'admin_token_required' },
  { name: 'token with a suffix', method: 'DELETE', url: '/api/username/alice', headers: { 'x-admin-token': `${TOKEN}x` }, status: 401, code: 'admin_token_required' },
  { name: 'wrong bearer token', method: 'DELETE', url: '/api/username/alice', headers: { authorization: 'Bearer guess' }, status: 401, code: 'admin_token_required' },
  { name: 'forged middleware subrequest, no token', method: 'DELETE', url: '/api/username/alice', headers: FORGED_SUBREQUEST, status: 401, code: 'admin_token_required' },
  { name: 'delete with a pattern parameter', method: 'DELETE', url: '/api/username/alice?pattern=*', headers: ADMIN, status: 400, code: 'invalid_query' },
  { name: 'delete a glob', method: 'DELETE', url: '/api/username/%2A', headers: ADMIN, status: 400, code: 'invalid_input' },
  { name: 'delete a null byte', method: 'DELETE', url: '/api/username/%00', headers: ADMIN, status: 400, code: 'invalid_input' },
  { name: 'delete with CRLF', method: 'DELETE', url: '/api/username/a%0D%0Ab', headers: ADMIN, status: 400, code: 'invalid_input' },
  { name: 'delete too long', method: 'DELETE', url: `/api/username/${LONG}`, headers: ADMIN, status: 400, code: 'invalid_input' },

  // GET /api/health
  { name: 'health with an unknown parameter', url: '/api/health?verbose=1', status: 400, code: 'invalid_query' },
  { name: 'health with __proto__', url: '/api/health?__proto__[x]=1', status: 400, code: 'invalid_query' },
];

const errorShape = z.strictObject({ error: z.strictObject({ code: z.string(), message: z.string().min(1) }) });

const redis = inspector();
const prefix = process.env.CACHE_PREFIX ?? '';
let flushMetrics: () => Promise<void>;

/**
 * Every key under the test prefix with its serialized value. The rate limiter's counters
 * are left out: spending budget on every request, hostile or not, is their job.
 */
async function snapshot(): Promise<Map<string, string>> {
  await flushMetrics();
  const keys = (await keysUnder(redis, prefix)).filter((key) => !key.startsWith(`${prefix}_stats:rl:`)).sort();
  const values = await Promise.all(keys.map(async (key) => (await redis.dumpBuffer(key))?.toString('hex') ?? 'gone'));
  return new Map(keys.map((key, index) => [key, values[index] ?? 'gone']));
}

beforeAll(async () => {
  ({ flushMetrics } = await import('../cache'));
  // Something worth protecting: a cached entry with its metrics.
  for (let index = 0; index < 2; index += 1) expect((await callApi({ url: '/api/username/alice' })).status).toBe(200);
  expect([...(await snapshot()).keys()]).toContain(`${prefix}expensive_function:alice`);
});

afterAll(async () => {
  await flushMetrics();
  await removeUnder(redis, prefix);
  redis.disconnect();
});

describe('hostile input', () => {
  it('has at least 30 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)('$name → $status $code, Redis untouched, server answering', async ({ name, status, code, ...call }) => {
    const before = await snapshot();
    const response = await callApi(call);
    const body = await json(response);
    expect({ status: response.status, body }, name).toMatchObject({ status, body: { error: { code } } });
    expect(errorShape.safeParse(body).success).toBe(true);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');

    expect(await snapshot()).toEqual(before);
    expect((await callApi({ url: '/api/health' })).status).toBe(200);
  });

  it('still serves a valid request afterwards', async () => {
    const response = await callApi({ url: '/api/username/alice' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-cache')).toBe('HIT');
  });
});
