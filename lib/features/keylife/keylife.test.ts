import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, json } from '@/lib/testing/api';
import { OwnRedisServer, pointAppAt, waitFor } from '@/lib/testing/redis-server';
import type { StreamEntry } from './bus';
import type { KeyEvent, KeyTimeline } from './types';

/**
 * A key's life against a redis-server of this test's own, with notifications enabled by the
 * app at start (REDIS_NOTIFICATIONS=on does CONFIG SET there; the shared Redis is never touched).
 */
let server: OwnRedisServer;
let inspect: Redis;
let prefix: string;
let app: {
  hub: typeof import('./hub');
  scenario: typeof import('@/lib/scenarios/scenario');
  username: typeof import('@/lib/scenarios/username');
  cache: typeof import('@/lib/cache');
  bus: typeof import('./bus');
  subscriber: typeof import('./subscriber');
  recorder: typeof import('./recorder');
  removals: typeof import('./removals');
};
const seen: StreamEntry[] = [];

beforeAll(async () => {
  server = await OwnRedisServer.start();
  await pointAppAt(server, { REDIS_NOTIFICATIONS: 'on', USERNAME_DELAY_MS: '30', REDIS_COMMAND_TIMEOUT_MS: '2000', RATE_LIMIT_POINTS: '0' });
  prefix = process.env.CACHE_PREFIX ?? '';
  app = {
    hub: await import('./hub'),
    scenario: await import('@/lib/scenarios/scenario'),
    username: await import('@/lib/scenarios/username'),
    cache: await import('@/lib/cache'),
    bus: await import('./bus'),
    subscriber: await import('./subscriber'),
    recorder: await import('./recorder'),
    removals: await import('./removals'),
  };
  inspect = new Redis(server.url);
  // As instrumentation.ts wires it: key life listens to the engine.
  app.recorder.listenToCache();
  await app.hub.startKeyLife();
  await waitFor(() => app.hub.keyLifeSubscriber()?.listening === true, 5000);
  app.hub.keyLifeBus().listen((entry) => seen.push(entry));
});

afterAll(async () => {
  await app?.hub.keyLifeSubscriber()?.stop();
  inspect?.disconnect();
  await server?.stop();
});

const freshName = () => `life_${randomBytes(4).toString('hex')}`;
const liveEvents = (key: string) => seen.flatMap((entry) => (entry.kind === 'key' && entry.data.key === key ? [entry.data] : []));
const waitForLive = (key: string, type: KeyEvent['type'], timeoutMs = 10_000) => waitFor(() => liveEvents(key).some((event) => event.type === type), timeoutMs);

async function timeline(key: string): Promise<KeyTimeline> {
  const response = await callApi({ url: `/api/keys/timeline?key=${encodeURIComponent(key)}` });
  expect(response.status).toBe(200);
  return ((await json(response)) as { data: KeyTimeline }).data;
}

function lookup(username: string, ttlMs?: number) {
  return app.scenario.runScenario(app.username.usernameScenario, { username }, { ttlMs, origin: 'GET /api/username/test' });
}

/** Instance B: its own subscriber connection and stream bus on the same Redis, and what it heard. */
function otherInstance() {
  const otherBus = new app.bus.KeyEventBus(100);
  const other = new app.subscriber.KeyEventSubscriber({
    connect: () => [new Redis(server.url)], db: 0, prefix, bus: otherBus, redis: (work) => work(inspect),
  });
  const heardByOther: KeyEvent[] = [];
  otherBus.listen((entry) => entry.kind === 'key' && heardByOther.push(entry.data));
  other.start();
  return { other, heardByOther };
}

describe('keyspace notifications on our own Redis', () => {
  it('REDIS_NOTIFICATIONS=on enabled what is needed, and the status says so', async () => {
    const flags = ((await inspect.config('GET', 'notify-keyspace-events')) as string[])[1] ?? '';
    for (const flag of ['E', '$', 'g', 'x', 'e']) expect(flags.replace('A', 'g$lshzxet')).toContain(flag);
    const status = await app.hub.notificationStatus();
    expect(status).toMatchObject({ backend: 'redis', listening: true, missing: [], unavailable: [] });
  });

  it('a 1 s TTL gives stored → hit → ttl-zero → expired, in order, with the lag measured', async () => {
    const name = freshName();
    const first = await lookup(name, 1000);
    expect(first.status).toBe('miss');
    expect(first.ttlAskedMs).toBe(1000);
    expect((await lookup(name, 1000)).status).toBe('hit');
    await waitForLive(first.key, 'expired');

    const { events, exists } = await timeline(first.key);
    expect(exists).toBe(false);
    expect(events.map((event) => event.type)).toEqual(['stored', 'hit', 'ttl-zero', 'expired']);
    const [stored, hit, zero, expired] = events as [KeyEvent, KeyEvent, KeyEvent, KeyEvent];
    // The engine's row, with what only the engine knows, replaced Redis' bare `set`.
    expect(stored).toMatchObject({ origin: 'app', by: 'GET /api/username/test', ttlMs: 1000 });
    expect(stored.computeMs).toBeGreaterThanOrEqual(25);
    expect(hit.count).toBe(1);
    expect(Date.parse(zero.at) - Date.parse(stored.at)).toBeGreaterThanOrEqual(900);
    expect(Date.parse(zero.at)).toBe(Date.parse(stored.expiresAt!));
    expect(expired.origin).toBe('redis');
    expect(expired.lagMs).toBeGreaterThanOrEqual(0);
    expect(expired.lagMs).toBe(Date.parse(expired.at) - Date.parse(zero.at));
    // Nothing touched the key after its TTL: Redis' active expiry cycle found it (10 times a second by default).
    expect(expired.lagMs).toBeLessThan(5000);
    // The live event carries the same lag.
    expect(liveEvents(first.key).find((event) => event.type === 'expired')?.lagMs).toBe(expired.lagMs);
    console.info(`[keylife] expired ${expired.lagMs} ms after its TTL reached zero`);
  });

  it('invalidate gives one `deleted`, by the endpoint, not a second one from Redis', async () => {
    const name = freshName();
    const { key } = await lookup(name, 60_000);
    expect(await app.cache.invalidate(`expensive_function:${name}`)).toBe(true);
    await waitFor(async () => (await inspect.xlen(`${prefix}_stats:life:expensive_function:${name}`)) >= 2, 5000);
    await new Promise((resolve) => setTimeout(resolve, 300)); // Redis' `del` notification has arrived too
    const { events } = await timeline(key);
    expect(events.map((event) => event.type)).toEqual(['stored', 'deleted']);
    expect(events[1]).toMatchObject({ origin: 'app', by: 'invalidate (DELETE on its scenario endpoint)' });
    // Pushed once in this process: the engine's report, not Redis' echo of it.
    expect(liveEvents(key).filter((event) => event.type === 'deleted')).toHaveLength(1);
  });

  it('two app instances see each other\'s writes and deletes', async () => {
    const { other, heardByOther } = otherInstance();
    try {
      await waitFor(() => other.listening, 5000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const name = freshName();
      const { key } = await lookup(name, 60_000); // written by instance A (this process's engine)
      await app.cache.invalidate(`expensive_function:${name}`);
      await waitFor(() => heardByOther.some((event) => event.key === key && event.type === 'deleted'), 5000);
      expect(heardByOther.filter((event) => event.key === key).map((event) => event.type)).toEqual(['stored', 'expire', 'deleted']);

      // B writes a key (as its engine would): A's stream hears it from Redis.
      const written = `${prefix}expensive_function:${freshName()}`;
      await inspect.set(written, '{}', 'PX', 60_000);
      await waitForLive(written, 'stored', 5000);
      expect(liveEvents(written)[0]).toMatchObject({ type: 'stored', origin: 'redis' });
      await inspect.del(written);
    } finally {
      await other.stop();
    }
  });

  it('keys outside CACHE_PREFIX and Cache Lab\'s own bookkeeping are not reported', async () => {
    const foreign = `someone-else:${freshName()}`;
    const marker = `${prefix}expensive_function:${freshName()}`;
    await inspect.set(foreign, 'x');
    await inspect.set(`${prefix}_stats:other`, 'x');
    await inspect.set(marker, 'x');
    await waitForLive(marker, 'stored', 5000);
    expect(seen.some((entry) => entry.kind === 'key' && (entry.data.key === foreign || entry.data.key.startsWith(`${prefix}_`)))).toBe(false);
    await inspect.del(foreign, `${prefix}_stats:other`, marker);
  });

  it('a dropped subscriber connection is reported as a gap, and the buffer still replays what it held', async () => {
    const bus = app.hub.keyLifeBus();
    const before = bus.lastId;
    const { key } = await lookup(freshName(), 60_000);
    // Key life's subscriber, not the strategy watch (a subscription of the engine's own).
    const subscribers = String(await inspect.call('CLIENT', 'LIST', 'TYPE', 'pubsub')).trim().split('\n').filter((line) => !/name=cachelab-(strategy-watch|near-subscriber)\b/.test(line));
    expect(subscribers).toHaveLength(1);
    const id = /\bid=(\d+)/.exec(subscribers[0]!)![1]!;
    expect((await inspect.client('KILL', 'ID', id)) as number).toBe(1);
    await waitFor(() => seen.some((entry) => entry.kind === 'gap' && entry.data.reason === 'subscriber'), 5000);

    const replay = bus.since(before);
    const stored = replay.findIndex((entry) => entry.kind === 'key' && entry.data.key === key && entry.data.type === 'stored');
    const gap = replay.findIndex((entry) => entry.kind === 'gap' && entry.data.reason === 'subscriber');
    // Replayed in order: what the buffer held, then the gap (the reconnected subscriber may already have added more).
    expect(stored).toBeGreaterThanOrEqual(0);
    expect(gap).toBeGreaterThan(stored);

    // ioredis reconnects and subscribes again: Redis' events flow once more.
    await waitFor(() => app.hub.keyLifeSubscriber()?.listening === true, 10_000);
    const after = `${prefix}expensive_function:${freshName()}`;
    await waitFor(async () => {
      await inspect.set(after, '{}', 'PX', 60_000);
      return liveEvents(after).length > 0;
    }, 10_000, 300);
    await inspect.del(after);
  });

  it('GET /api/stream pushes `event: key` frames with ids, and resumes after Last-Event-ID', async () => {
    const controller = new AbortController();
    const response = await callApi({ url: '/api/stream' });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) text += decoder.decode((await reader.read()).value);
    };
    await readUntil('event: ready');
    const { key } = await lookup(freshName(), 60_000);
    await readUntil(`"key":"${key}"`);
    const frame = text.split('\n\n').find((part) => part.includes(`"key":"${key}"`))!;
    expect(frame).toMatch(/^id: \w+\.\d+\nevent: key\ndata: \{/);
    const data = JSON.parse(frame.split('data: ')[1]!) as KeyEvent;
    expect(data).toMatchObject({ type: 'stored', key });
    expect(Number.isNaN(Date.parse(data.at))).toBe(false);
    await reader.cancel();
    controller.abort();

    // A client that saw an id before that event gets it again on reconnect.
    const id = /id: (\S+)/.exec(text.split('event: ready')[0]!)![1]!;
    const resumed = await callApi({ url: '/api/stream', headers: { 'last-event-id': id } });
    const resumedReader = resumed.body!.getReader();
    let replayed = '';
    while (!replayed.includes(`"key":"${key}"`)) replayed += decoder.decode((await resumedReader.read()).value);
    await resumedReader.cancel();

    // An id from another run of the server cannot be resumed: the stream says so.
    const stale = await callApi({ url: '/api/stream', headers: { 'last-event-id': 'deadbeef.12' } });
    const staleReader = stale.body!.getReader();
    let staleText = '';
    while (!staleText.includes('event: gap')) staleText += decoder.decode((await staleReader.read()).value);
    expect(staleText).toContain('"reason":"restart"');
    await staleReader.cancel();
  });

  it('rejects a key that is not a cache entry, and an unknown parameter', async () => {
    const internal = await callApi({ url: `/api/keys/timeline?key=${encodeURIComponent(`${prefix}_stats:events`)}` });
    expect(internal.status).toBe(403);
    expect(await json(internal)).toMatchObject({ error: { code: 'not_a_cache_key' } });
    expect((await callApi({ url: '/api/stream?since=1' })).status).toBe(400);
    expect((await callApi({ url: '/api/username/alice?ttl=0' })).status).toBe(400);
    expect((await callApi({ url: '/api/username/alice?ttl=5s' })).status).toBe(400);
  });

  it('an expiry both instances hear is counted once in the removals Prometheus reads', async () => {
    const { other, heardByOther } = otherInstance();
    try {
      await waitFor(() => other.listening, 5000);
      const before = await app.removals.readRemovals(inspect, prefix);
      const { key } = await lookup(freshName(), 300);
      await waitForLive(key, 'expired');
      await waitFor(() => heardByOther.some((event) => event.key === key && event.type === 'expired'), 10_000);
      // Both have handled it (each publishes after its timeline write and count).
      await new Promise((resolve) => setTimeout(resolve, 200));
      const after = await app.removals.readRemovals(inspect, prefix);
      expect(after.expired - before.expired).toBe(1);
      expect(after.evicted).toBe(before.evicted);
    } finally {
      await other.stop();
    }
  });

});
