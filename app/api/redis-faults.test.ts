import type Redis from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callApi, json } from '@/lib/testing/api';
import { OwnRedisServer, pointAppAt, waitFor } from '@/lib/testing/redis-server';

/**
 * Redis faults seen through the real route handlers, against our own redis-server
 * (stopped, frozen, fed garbage); the shared Redis is never touched. Route modules load
 * after the server starts, because lib/core/env.ts reads REDIS_URL once.
 */
const TIMEOUT_MS = 200;
const COMPUTE_MS = 40;
/** Two Redis calls (rate limit, lookup) may each pay the timeout before the circuit opens. */
const BUDGET_MS = 2 * TIMEOUT_MS + COMPUTE_MS + 400;

let server: OwnRedisServer;
let inspect: Redis;
let prefix: string;
let flushMetrics: () => Promise<void>;
let statsKeys: typeof import('@/lib/cache/keys').statsKeys;
let commandCalls: typeof import('@/lib/testing/redis').commandCalls;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  server = await OwnRedisServer.start();
  // A cool-down long enough that a slow, shared CI machine cannot see the circuit half-open mid-test.
  await pointAppAt(server, { USERNAME_DELAY_MS: String(COMPUTE_MS), RATE_LIMIT_POINTS: '100000', REDIS_BREAKER_COOLDOWN_MS: '1500' });
  prefix = process.env.CACHE_PREFIX ?? '';
  ({ flushMetrics } = await import('@/lib/cache'));
  ({ statsKeys } = await import('@/lib/cache/keys'));
  const { inspector, ...helpers } = await import('@/lib/testing/redis');
  commandCalls = helpers.commandCalls;
  inspect = inspector(server.url);
});

afterEach(() => {
  expect(rejections, 'unhandled promise rejections').toEqual([]);
});

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  inspect?.disconnect();
  await server?.stop();
});

interface Answer {
  http: number;
  status: string;
  xCache: string | null;
  ms: number;
}

async function ask(name: string): Promise<Answer> {
  const started = performance.now();
  const response = await callApi({ url: `/api/username/${name}` });
  const ms = performance.now() - started;
  const body = (await json(response)) as { cache?: { status: string } };
  return { http: response.status, status: body.cache?.status ?? 'none', xCache: response.headers.get('x-cache'), ms };
}

async function health() {
  const response = await callApi({ url: '/api/health' });
  return { http: response.status, body: (await json(response)) as { status: string; redis: { connected: boolean } } };
}

async function totals(): Promise<Record<string, number>> {
  await flushMetrics();
  const raw = await inspect.hgetall(statsKeys.totals('live', 'username'));
  return Object.fromEntries(Object.entries(raw).map(([field, value]) => [field, Number(value)]));
}

const COUNTED = ['hit', 'miss', 'coalesced', 'stale', 'bypass'] as const;
function tally(answers: readonly Answer[]): Record<string, number> {
  return Object.fromEntries(COUNTED.map((status) => [status, answers.filter((answer) => answer.status === status).length]));
}
function delta(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(COUNTED.map((status) => [status, (after[status] ?? 0) - (before[status] ?? 0)]));
}

/** Sequential traffic from a few concurrent clients until `stop` resolves. */
async function traffic(names: readonly string[], clients: number, stop: Promise<void>): Promise<Answer[]> {
  let running = true;
  void stop.then(() => (running = false));
  const answers: Answer[] = [];
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let turn = client; running; turn += 1) answers.push(await ask(names[turn % names.length] ?? 'x'));
    }),
  );
  return answers;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('Redis stopped mid-traffic', () => {
  it('keeps answering (bypass, never 5xx, never slow), says degraded, and hits again after Redis returns', async () => {
    for (const name of ['ann', 'ben']) await ask(name);
    let healthDuringOutage: Awaited<ReturnType<typeof health>> | undefined;
    let deleteDuringOutage: Response | undefined;
    const scenario = (async () => {
      await sleep(300);
      await server.stop();
      await sleep(600);
      healthDuringOutage = await health();
      deleteDuringOutage = await callApi({ method: 'DELETE', url: '/api/username/ann' });
      await sleep(300);
    })();
    const during = await traffic(['ann', 'ben'], 4, scenario);

    expect(during.filter((answer) => answer.http !== 200)).toEqual([]);
    expect(during.filter((answer) => answer.ms > BUDGET_MS)).toEqual([]);
    const bypassed = during.filter((answer) => answer.status === 'bypass');
    expect(bypassed.length).toBeGreaterThan(5);
    expect(bypassed.every((answer) => answer.xCache === 'BYPASS')).toBe(true);
    expect(healthDuringOutage).toMatchObject({ http: 503, body: { status: 'degraded', redis: { connected: false } } });
    // A mutation cannot succeed without Redis: a clear 503 in the standard shape, not a 500.
    expect(deleteDuringOutage?.status).toBe(503);
    expect(await json(deleteDuringOutage as Response)).toEqual({ error: { code: 'redis_unavailable', message: expect.any(String) } });

    await server.resume();
    await waitFor(async () => (await ask('ann')).status !== 'bypass', 8000, 100);
    await waitFor(async () => (await ask('ann')).status === 'hit', 2000, 50);
    // Degraded until the counts kept through the outage are written (the next flush, ≤ 250 ms), then ok.
    await waitFor(async () => (await health()).body.status === 'ok', 2000, 50);
    expect((await health()).body).toMatchObject({ status: 'ok', redis: { connected: true }, problems: [] });
  });
});

describe('Redis away: nothing queued for later', () => {
  it('sends none of the outage requests when Redis returns (no offline queue, no burst of stale commands)', async () => {
    await server.stop();
    for (let index = 0; index < 20; index += 1) expect((await ask(`queued${index}`)).status).toBe('bypass');
    await server.resume();
    await waitFor(async () => (await health()).http === 200, 8000, 100);
    await sleep(500);
    // The fresh server has seen only the one metrics flush of those 20 answers (EVALSHA, then EVAL after NOSCRIPT).
    const scripts = (await commandCalls(inspect, 'evalsha')) + (await commandCalls(inspect, 'eval'));
    expect(scripts).toBeLessThanOrEqual(2);
    // Health answers through the raw client; the next test needs the circuit closed again too.
    await waitFor(async () => (await ask('circuit-closed')).status !== 'bypass', 8000, 100);
  });
});

describe('Redis frozen (process paused)', () => {
  it('fails fast, then the open circuit spares later requests the timeout', async () => {
    await ask('cat');
    server.pause();
    const answers: Answer[] = [];
    try {
      for (let index = 0; index < 8; index += 1) answers.push(await ask('cat'));
      expect((await health()).http).toBe(503);
    } finally {
      server.unpause();
    }
    expect(answers.every((answer) => answer.http === 200 && answer.status === 'bypass')).toBe(true);
    expect(answers.every((answer) => answer.ms < BUDGET_MS)).toBe(true);
    const paid = answers.filter((answer) => answer.ms >= TIMEOUT_MS * 0.9);
    expect(paid.length, `latencies ${answers.map((answer) => Math.round(answer.ms)).join(', ')}`).toBeGreaterThanOrEqual(1);
    // Once the circuit is open, requests skip Redis at once (compute time only).
    expect(answers.slice(-4).every((answer) => answer.ms < TIMEOUT_MS * 0.9)).toBe(true);
    await waitFor(async () => (await ask('cat')).status === 'hit', 5000, 100);
  });
});

describe('Redis refusing writes (out of memory)', () => {
  it('answers computed values, never 500, and counts exactly once Redis accepts writes again', async () => {
    const before = await totals();
    const answers: Answer[] = [];
    await inspect.config('SET', 'maxmemory', '1');
    try {
      for (const name of ['oom1', 'oom2', 'oom1']) answers.push(await ask(name));
      await sleep(300);
    } finally {
      await inspect.config('SET', 'maxmemory', '0');
    }
    expect(answers.map((answer) => [answer.http, answer.status])).toEqual([
      [200, 'miss'],
      [200, 'miss'],
      [200, 'miss'],
    ]);
    // Nothing could be stored; now it can, and the refused metrics arrive once.
    const refill = [await ask('oom1'), await ask('oom1')];
    expect(refill.map((answer) => answer.status)).toEqual(['miss', 'hit']);
    await sleep(300);
    expect(delta(await totals(), before)).toEqual(tally([...answers, ...refill]));
  });
});

describe('a corrupt or foreign value under a cache key', () => {
  it('is a miss, is replaced, counts as an error, and never fails the request', async () => {
    const key = (name: string) => `${prefix}expensive_function:${name}`;
    await inspect.set(key('mallory'), 'not json {', 'PX', 60_000);
    await inspect.hset(key('trudy'), 'foreign', 'hash');
    await inspect.set(key('eve'), JSON.stringify({ cachelab: 1, v: { wrong: 'shape' }, storedAt: 1, computeMs: 1, expiry: 'ttl' }));
    const before = await totals();

    for (const name of ['mallory', 'trudy', 'eve']) {
      const first = await callApi({ url: `/api/username/${name}` });
      expect(first.status).toBe(200);
      expect(first.headers.get('x-cache')).toBe('MISS');
      expect(JSON.parse((await inspect.get(key(name))) ?? 'null')).toMatchObject({ cachelab: 2, v: { username_extended: `${name}_123` } });
      expect((await ask(name)).status).toBe('hit');
    }
    const after = await totals();
    expect((after.error ?? 0) - (before.error ?? 0)).toBe(3);
    expect(delta(after, before)).toMatchObject({ miss: 3, hit: 3 });
  });
});

describe('counters through faults', () => {
  it('stay exact through a freeze: a timed-out lookup that Redis runs later is not counted twice', async () => {
    for (const name of ['dan', 'dot']) await ask(name);
    const before = await totals();
    const answers: Answer[] = [];
    for (const name of ['dan', 'dot']) answers.push(await ask(name));
    server.pause();
    try {
      for (let index = 0; index < 6; index += 1) answers.push(await ask(index % 2 ? 'dan' : 'dot'));
      await sleep(300);
    } finally {
      server.unpause();
    }
    await waitFor(async () => {
      const answer = await ask('dan');
      answers.push(answer);
      return answer.status === 'hit';
    }, 5000, 100);
    for (const name of ['dan', 'dot', 'dee']) answers.push(await ask(name));
    // Let anything Redis took in while frozen run, then compare count by count.
    await sleep(300);
    expect(delta(await totals(), before)).toEqual(tally(answers));
  });

  it('stay exact through a restart: buffered outage counts are written once when Redis returns', async () => {
    await server.stop();
    await server.resume();
    await waitFor(async () => (await ask('fay')).status !== 'bypass', 8000, 100);
    await sleep(300);
    await flushMetrics();
    await inspect.del(statsKeys.totals('live', 'username'));

    const answers: Answer[] = [];
    for (const name of ['fay', 'gus']) answers.push(await ask(name));
    await flushMetrics();
    await server.stop();
    for (let index = 0; index < 6; index += 1) answers.push(await ask(index % 2 ? 'fay' : 'gus'));
    await server.resume();
    await waitFor(async () => {
      const answer = await ask('fay');
      answers.push(answer);
      return answer.status !== 'bypass';
    }, 8000, 100);
    for (const name of ['fay', 'gus']) answers.push(await ask(name));
    // The restarted server is empty: it holds exactly what was answered since the restart
    // began, except the two answers the old server had counted before it died.
    const counted = tally(answers.slice(2));
    expect(delta(await totals(), {})).toEqual(counted);
  });
});
