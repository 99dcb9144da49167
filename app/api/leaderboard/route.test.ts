import { afterAll, describe, expect, it } from 'vitest';
import { flushMetrics } from '@/lib/cache';
import { env } from '@/lib/core/env';
import { nextMidnight } from '@/lib/shared/midnight';
import { closeLeaderboardStore, leaderboardStore } from '@/lib/scenarios/leaderboard/store';
import { inspector, removeUnder } from '@/lib/testing/redis';
import { apiRequest, failure } from '@/lib/testing/requests';
import { POST as playRoute } from './games/route';
import { GET as liveRoute } from './live/route';
import { DELETE, GET } from './route';

const redis = inspector();
const prefix = env.CACHE_PREFIX;
const key = `${prefix}leaderboard:top50`;

type Entry = { rank: number; playerId: number; name: string; score: number };
type Board = { data: { entries: Entry[]; computedAt: string }; cache: { status: string; key: string; expiryKind: string; expiresAt: string } };

const read = async (query = '') => {
  const response = await GET(apiRequest(`/api/leaderboard${query}`), {});
  return { response, body: (await response.json()) as Board };
};
const live = async () => ((await (await liveRoute(apiRequest('/api/leaderboard/live'), {})).json()) as { data: { entries: Entry[] } }).data.entries;
const play = (body: unknown) => playRoute(apiRequest('/api/leaderboard/games', { method: 'POST', body }), {});
const invalidateBoard = () => DELETE(apiRequest('/api/leaderboard', { method: 'DELETE' }), {});

/** A player who is not on the given board, so one big game visibly moves them in. */
const outsider = (entries: Entry[]) => Array.from({ length: env.LEADERBOARD_PLAYERS }, (_, index) => index + 1).find((id) => !entries.some((entry) => entry.playerId === id)) as number;

afterAll(async () => {
  await flushMetrics();
  await removeUnder(redis, prefix);
  redis.disconnect();
  // lib/testing/setup.ts deletes the file once it is closed.
  await closeLeaderboardStore();
});

describe('GET /api/leaderboard', () => {
  it('runs the aggregate on a miss, then serves the same top 50 from Redis', async () => {
    await invalidateBoard();
    const first = await read();
    expect(first.response.headers.get('x-cache')).toBe('MISS');
    expect(first.response.headers.get('server-timing')).toMatch(/compute;dur=[\d.]+/);
    expect(first.body.cache).toMatchObject({ status: 'miss', key, expiryKind: 'absolute' });
    const entries = first.body.data.entries;
    expect(entries).toHaveLength(50);
    expect(entries.map((entry) => entry.rank)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    // The worker thread's answer is the database's own aggregate.
    expect(entries).toEqual(leaderboardStore().db.top(50));

    const second = await read();
    expect(second.response.headers.get('x-cache')).toBe('HIT');
    expect(second.body.data).toEqual(first.body.data);
  });

  it('expires at the next midnight in CACHE_TZ, as an absolute time', async () => {
    await invalidateBoard();
    const before = Date.now();
    const { body } = await read();
    const midnight = nextMidnight(before, env.CACHE_TZ);
    expect(Date.parse(body.cache.expiresAt)).toBeGreaterThan(midnight - 1000);
    expect(Date.parse(body.cache.expiresAt)).toBeLessThan(midnight + 1000);
    expect(Math.abs((await redis.pexpiretime(key)) - midnight)).toBeLessThanOrEqual(1);
  });

  it('queries without reading or writing the cache on ?cache=bypass', async () => {
    await invalidateBoard();
    const { response } = await read('?cache=bypass');
    expect(response.headers.get('x-cache')).toBe('BYPASS');
    expect(await redis.exists(key)).toBe(0);
  });
});

describe('a game played while the top 50 is cached', () => {
  it('leaves the cached board stale until it is invalidated', async () => {
    await invalidateBoard();
    const cached = (await read()).body.data.entries;
    const playerId = outsider(cached);

    const played = await play({ playerId, score: 1_000_000 });
    expect(played.status).toBe(201);
    expect((await played.json()).data).toMatchObject({ game: { playerId, score: 1_000_000 }, player: { playerId }, invalidated: false, deleted: false });

    const afterGame = await read();
    expect(afterGame.response.headers.get('x-cache')).toBe('HIT');
    expect(afterGame.body.data.entries).toEqual(cached);
    const liveEntries = await live();
    expect(liveEntries[0]?.playerId).toBe(playerId);
    expect(liveEntries).not.toEqual(cached);

    const deleted = await (await invalidateBoard()).json();
    expect(deleted.data).toEqual({ key, deleted: true });
    const fresh = await read();
    expect(fresh.response.headers.get('x-cache')).toBe('MISS');
    expect(fresh.body.data.entries).toEqual(liveEntries);
  });

  it('invalidates with the write when asked, so the next read sees the game', async () => {
    const cached = (await read()).body.data.entries;
    const playerId = outsider(cached);
    const played = await (await play({ playerId, score: 1_000_000, invalidateOnWrite: true })).json();
    expect(played.data).toMatchObject({ invalidated: true, deleted: true });
    expect(await redis.exists(key)).toBe(0);
    const next = await read();
    expect(next.body.cache.status).toBe('miss');
    expect(next.body.data.entries.some((entry) => entry.playerId === playerId)).toBe(true);
  });

  it('sends the live query time in Server-Timing', async () => {
    const response = await liveRoute(apiRequest('/api/leaderboard/live'), {});
    expect(response.headers.get('server-timing')).toMatch(/^db;desc="top 50 query";dur=[\d.]+$/);
    expect(response.headers.get('x-cache')).toBeNull();
  });
});

describe('POST /api/leaderboard/games validation', () => {
  it.each([
    [{ playerId: 1, score: 1_000_001 }, 'score: must be at most 1,000,000'],
    [{ playerId: 1, score: -1 }, 'score: must be 0 or more'],
    [{ playerId: 1, score: 2.5 }, 'score: must be a whole number'],
    [{ playerId: 0, score: 10 }, 'playerId: must be 1 or more'],
    [{ playerId: '7', score: 10 }, 'playerId: must be a whole number'],
    [{ playerId: 1, score: 10, invalidateOnWrite: 'yes' }, 'invalidateOnWrite: must be true or false'],
    [{ playerId: 1, score: 10, cheat: true }, 'Unrecognized key: "cheat"'],
  ])('refuses %j', async (body, message) => {
    expect(await failure(await play(body))).toEqual({ status: 400, code: 'invalid_input', message });
  });

  it('answers 404 for a player who does not exist, and records nothing', async () => {
    const games = leaderboardStore().db.gameCount();
    const refused = await failure(await play({ playerId: env.LEADERBOARD_PLAYERS + 1, score: 10 }));
    expect(refused).toMatchObject({ status: 404, code: 'unknown_player' });
    expect(refused.message).toContain(`from 1 to ${env.LEADERBOARD_PLAYERS}`);
    expect(leaderboardStore().db.gameCount()).toBe(games);
  });

  it('refuses cross-origin writes', async () => {
    const response = await playRoute(
      apiRequest('/api/leaderboard/games', { method: 'POST', body: { playerId: 1, score: 1 }, headers: { origin: 'https://evil.example', host: 'localhost' } }),
      {},
    );
    expect(await failure(response)).toMatchObject({ status: 403, code: 'cross_origin' });
  });
});
