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

// Before any import reads lib/core/env.ts.
const TOKEN = vi.hoisted(() => {
  const token = 'hostile-test-admin-token';
  Object.assign(process.env, { ADMIN_TOKEN: token, RATE_LIMIT_POINTS: '100000' });
  return token;
});
const ADMIN = { 'x-admin-token': TOKEN };
const EVIL = 'https://evil.example';
const FORGED_SUBREQUEST = { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' };
const LONG = 'a'.repeat(65);
const JSON_TYPE = { 'content-type': 'application/json' };

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

  // POST /api/sentiment: a JSON body whose sentence becomes the key `sentiment:<sentence>`
  ...sentimentCases(),

  // GET /api/leaderboard, POST /api/leaderboard/games
  { name: 'leaderboard with an unknown parameter', url: '/api/leaderboard?limit=1000000', status: 400, code: 'invalid_query' },
  { name: 'live leaderboard with a parameter', url: '/api/leaderboard/live?player=*', status: 400, code: 'invalid_query' },
  { name: 'leaderboard delete cross-origin', method: 'DELETE', url: '/api/leaderboard', headers: { origin: EVIL, ...ADMIN }, status: 403, code: 'cross_origin' },
  { name: 'game from another site', method: 'POST', url: '/api/leaderboard/games', headers: { origin: EVIL, ...JSON_TYPE }, body: '{"playerId":1,"score":5}', status: 403, code: 'cross_origin' },
  { name: 'game for an unknown player', method: 'POST', url: '/api/leaderboard/games', headers: JSON_TYPE, body: '{"playerId":99999999,"score":5}', status: 404, code: 'unknown_player' },
  { name: 'game with a negative score', method: 'POST', url: '/api/leaderboard/games', headers: JSON_TYPE, body: '{"playerId":1,"score":-1}', status: 400, code: 'invalid_input' },
  { name: 'game with a huge score', method: 'POST', url: '/api/leaderboard/games', headers: JSON_TYPE, body: '{"playerId":1,"score":1e309}', status: 400, code: 'invalid_input' },
  { name: 'game with a fractional player', method: 'POST', url: '/api/leaderboard/games', headers: JSON_TYPE, body: '{"playerId":1.5,"score":5}', status: 400, code: 'invalid_input' },
  { name: 'game with a string score', method: 'POST', url: '/api/leaderboard/games', headers: JSON_TYPE, body: '{"playerId":1,"score":"5"}', status: 400, code: 'invalid_input' },
  { name: 'game with __proto__', method: 'POST', url: '/api/leaderboard/games', headers: JSON_TYPE, body: '{"playerId":1,"score":5,"__proto__":{"admin":true}}', status: 400, code: 'invalid_input' },
  { name: 'game as a JSON array', method: 'POST', url: '/api/leaderboard/games', headers: JSON_TYPE, body: '[1,5]', status: 400, code: 'invalid_input' },

  // GET /api/weather/{city}
  { name: 'unknown city', url: '/api/weather/atlantis', status: 404, code: 'unknown_city' },
  { name: 'city glob star', url: '/api/weather/%2A', status: 404, code: 'unknown_city' },
  { name: 'city with brackets and braces', url: '/api/weather/%5Bpar%5Dis%7B%7D', status: 404, code: 'unknown_city' },
  { name: 'city with a null byte', url: '/api/weather/paris%00', status: 404, code: 'unknown_city' },
  { name: 'city of 8 KB', url: `/api/weather/${'p'.repeat(8192)}`, status: 404, code: 'unknown_city' },
  { name: 'weather with an unknown parameter', url: '/api/weather/paris?days=-1', status: 400, code: 'invalid_query' },
  { name: 'city list with a parameter', url: '/api/weather?match=*', status: 400, code: 'invalid_query' },
  { name: 'weather delete with an unknown strategy', method: 'DELETE', url: '/api/weather/paris?strategy=*', headers: ADMIN, status: 400, code: 'invalid_query' },

  // The dashboard: filters become SCAN MATCH patterns, keys are read and deleted by name
  { name: 'stats window of zero', url: '/api/stats?window=0', status: 400, code: 'invalid_query' },
  { name: 'stats window negative', url: '/api/stats?window=-60', status: 400, code: 'invalid_query' },
  { name: 'stats window huge', url: '/api/stats?window=1e309', status: 400, code: 'invalid_query' },
  { name: 'stats of an unknown scenario', url: '/api/stats?scenario=__proto__', status: 400, code: 'invalid_query' },
  { name: 'stats with an unknown source', url: '/api/stats?source=*', status: 400, code: 'invalid_query' },
  { name: 'keys of an unknown scenario', url: '/api/keys?scenario=constructor', status: 400, code: 'invalid_query' },
  { name: 'keys with a non-numeric cursor', url: '/api/keys?cursor=*', status: 400, code: 'invalid_query' },
  { name: 'keys with a huge match', url: `/api/keys?match=${'*'.repeat(201)}`, status: 400, code: 'invalid_query' },
  { name: 'keys with an unknown parameter', url: '/api/keys?type=hash', status: 400, code: 'invalid_query' },
  { name: 'value of a key outside the prefix', url: '/api/keys/value?key=other-app%3Asecret', status: 403, code: 'not_a_cache_key' },
  { name: 'value of a glob', url: '/api/keys/value?key=%2A', status: 403, code: 'not_a_cache_key' },
  { name: 'value without a key', url: '/api/keys/value', status: 400, code: 'invalid_query' },
  { name: 'delete a key outside the prefix', method: 'DELETE', url: '/api/keys?key=other-app%3Asecret', headers: ADMIN, status: 403, code: 'not_a_cache_key' },
  { name: 'delete a metric key', method: 'DELETE', url: `/api/keys?key=${encodeURIComponent(`${process.env.CACHE_PREFIX}_stats:events`)}`, headers: ADMIN, status: 403, code: 'not_a_cache_key' },
  { name: 'delete a key cross-origin', method: 'DELETE', url: '/api/keys?key=x', headers: { origin: EVIL, ...ADMIN }, status: 403, code: 'cross_origin' },
  { name: 'flush an unknown scenario', method: 'DELETE', url: '/api/scenarios/%2A/cache', headers: ADMIN, status: 404, code: 'unknown_scenario' },
  { name: 'flush without the token', method: 'DELETE', url: '/api/scenarios/username/cache', status: 401, code: 'admin_token_required' },
  { name: 'reset without the token', method: 'POST', url: '/api/stats/reset', status: 401, code: 'admin_token_required' },
  { name: 'reset cross-origin', method: 'POST', url: '/api/stats/reset', headers: { origin: EVIL, ...ADMIN }, status: 403, code: 'cross_origin' },
  { name: 'events count negative', url: '/api/events?count=-1', status: 400, code: 'invalid_query' },
  { name: 'events count huge', url: '/api/events?count=99999999999', status: 400, code: 'invalid_query' },
  { name: 'redis info with a section', url: '/api/redis/info?section=all', status: 400, code: 'invalid_query' },
  { name: 'metrics with a parameter', url: '/api/metrics?name[]=x', status: 400, code: 'invalid_query' },

  // GET /api/health
  { name: 'health with an unknown parameter', url: '/api/health?verbose=1', status: 400, code: 'invalid_query' },
  { name: 'health with __proto__', url: '/api/health?__proto__[x]=1', status: 400, code: 'invalid_query' },
];

/** Hostile bodies and texts for POST /api/sentiment, whose sentence becomes the key `sentiment:<sentence>`. */
function sentimentCases(): HostileCase[] {
  const post = (name: string, body: string, status: number, code: string, extra: Partial<HostileCase> = {}): HostileCase => ({
    name: `sentiment: ${name}`,
    method: 'POST',
    url: '/api/sentiment',
    headers: JSON_TYPE,
    body,
    status,
    code,
    ...extra,
  });
  return [
    post('empty body', '', 400, 'empty_body'),
    post('invalid JSON', '{"sentence": "unterminated', 400, 'invalid_json'),
    post('wrong content type', '{"sentence":"hi"}', 415, 'unsupported_media_type', { headers: { 'content-type': 'text/plain' } }),
    post('no content type', '{"sentence":"hi"}', 415, 'unsupported_media_type', { headers: {} }),
    post('sentence is a number', '{"sentence":42}', 400, 'invalid_input'),
    post('sentence is null', '{"sentence":null}', 400, 'invalid_input'),
    post('sentence missing', '{}', 400, 'invalid_input'),
    post('unknown field', '{"sentence":"hi","ttl":-1}', 400, 'invalid_input'),
    post('__proto__ field', '{"sentence":"hi","__proto__":{"polluted":1}}', 400, 'invalid_input'),
    post('constructor field', '{"sentence":"hi","constructor":{"prototype":{}}}', 400, 'invalid_input'),
    post('blank sentence', '{"sentence":"   "}', 400, 'sentence_empty'),
    post('1001 characters', JSON.stringify({ sentence: 'a'.repeat(1001) }), 413, 'sentence_too_long'),
    post('null byte', '{"sentence":"a\\u0000b"}', 400, 'sentence_control_characters'),
    post('escape character', '{"sentence":"a\\u001bb"}', 400, 'sentence_control_characters'),
    post('lone surrogate', '{"sentence":"a\\ud800b"}', 400, 'sentence_malformed_unicode'),
    post('body over the limit', JSON.stringify({ sentence: 'x'.repeat(20_000) }), 413, 'body_too_large'),
    post('unknown query parameter', '{"sentence":"hi"}', 400, 'invalid_query', { url: '/api/sentiment?model=other' }),
  ];
}

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
