import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as askUsername } from '@/app/api/username/[username]/route';
import { env } from '../../core/env';
import { withRedis } from '../../core/redis';
import { plantEmbeddedStore } from '../../testing/embedded';
import { inspector, keysUnder, removeUnder } from '../../testing/redis';
import { apiRequest, routeContext } from '../../testing/requests';
import { ClassroomError } from './errors';
import { openRoomsKey, roomKeys } from './keys';
import { classroomLimits } from './limits';
import { nicknameSchema } from './nickname';
import { closeRoom, createRoom, startRound } from './rooms';
import { joinRoom } from './students';
import { ROOM_HEADERS, type JoinedStudent } from './types';
import { readRoomView } from './view';

const redis = inspector();
afterAll(async () => {
  await removeUnder(redis, env.CACHE_PREFIX);
  redis.disconnect();
});

const unique = () => Math.random().toString(36).slice(2, 10);

/** A student's request through the real username endpoint, carrying the room headers as the phone page sends them. */
async function ask(student: JoinedStudent, name: string, prediction?: 'hit' | 'miss', predictedMs?: number) {
  const headers: Record<string, string> = { [ROOM_HEADERS.room]: student.code, [ROOM_HEADERS.student]: student.studentId };
  if (prediction) headers[ROOM_HEADERS.prediction] = prediction;
  if (predictedMs !== undefined) headers[ROOM_HEADERS.predictedMs] = String(predictedMs);
  const response = await askUsername(apiRequest(`/api/username/${name}`, { headers }), routeContext({ username: name }));
  expect(response.status).toBe(200);
  return ((await response.json()) as { cache: { status: string } }).cache.status;
}

async function refusal(work: Promise<unknown>): Promise<string> {
  const error = await work.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ClassroomError);
  return (error as ClassroomError).code;
}

function classroomSuite(backend: 'redis' | 'embedded') {
  describe(`classroom on ${backend === 'redis' ? 'real Redis' : 'the embedded store'}`, () => {
    let restore = () => {};
    beforeAll(() => {
      if (backend === 'embedded') restore = plantEmbeddedStore().restore;
    });
    afterAll(() => restore());

    it('records who asked what, the predictions per round, the hit ratio and who warmed each key', async () => {
      const { code } = await createRoom();
      const [ada, bob, cy] = [await joinRoom(code, 'Ada'), await joinRoom(code, 'Bob'), await joinRoom(code, 'Cy')];
      const name = `maxim_${unique()}`;

      expect(await ask(ada, name, 'miss', 3000)).toBe('miss');
      expect(await ask(bob, name, 'miss')).toBe('hit');
      expect(await ask(cy, name, 'hit', 2)).toBe('hit');

      let view = await readRoomView(code, bob.studentId);
      expect(view.feed.map((entry) => [entry.nickname, entry.status, entry.correct, entry.warmedBy])).toEqual([
        ['Cy', 'hit', true, 'Ada'],
        ['Bob', 'hit', false, 'Ada'],
        ['Ada', 'miss', true, null],
      ]);
      expect(view.feed[2]).toMatchObject({ key: `expensive_function:${name}`, prediction: 'miss', predictedMs: 3000, round: 1 });
      expect(view.feed[2]!.latencyMs).toBeGreaterThanOrEqual(env.USERNAME_DELAY_MS);
      expect(view.feed[2]!.expiresAt).toBeGreaterThan(Date.now() + env.USERNAME_TTL_HOURS * 3_600_000 - 60_000);
      expect(view.totals).toEqual({ requests: 3, hits: 2, misses: 1, hitRatio: 2 / 3 });
      expect(view.rounds).toHaveLength(1);
      expect(view.rounds[0]).toMatchObject({ number: 1, kind: 'free', requests: 3, predicted: 3, correct: 2, accuracy: 2 / 3 });
      expect(view.warmers).toEqual([{ key: `expensive_function:${name}`, warmedBy: 'Ada', warmedAt: expect.any(Number), hitsSince: 2 }]);
      expect(view.you).toMatchObject({ nickname: 'Bob', requests: 1, predicted: 1, correct: 0 });
      expect(view.students.map((student) => student.nickname)).toEqual(['Ada', 'Bob', 'Cy']);

      // The teacher's next round: its requests count apart, and a request without a prediction counts, unpredicted.
      const round = await startRound(code, 'ask', name);
      expect(round).toMatchObject({ number: 2, kind: 'ask', name });
      expect(round.prompt).toContain(name);
      expect(await ask(ada, name)).toBe('hit');
      expect(await ask(bob, name, 'hit')).toBe('hit');
      view = await readRoomView(code);
      expect(view.round.number).toBe(2);
      expect(view.rounds.map((entry) => [entry.number, entry.requests, entry.predicted, entry.correct])).toEqual([
        [1, 3, 3, 2],
        [2, 2, 1, 1],
      ]);
      expect(view.rounds[1]!.accuracy).toBe(1);
      expect(view.warmers[0]!.hitsSince).toBe(4);
      expect(view.you).toBeNull();
      await closeRoom(code);
    });

    it('refuses a nickname already in the room, whatever its case or Unicode form', async () => {
      const { code } = await createRoom();
      await joinRoom(code, 'Ada');
      expect(await refusal(joinRoom(code, 'ada'))).toBe('nickname_taken');
      // The join schema normalises first (NFKC): full-width "Ａｄａ" arrives as "Ada".
      expect(await refusal(joinRoom(code, nicknameSchema(24).parse('Ａｄａ')))).toBe('nickname_taken');
      expect(await refusal(joinRoom('ZZZZ', 'Ada'))).toBe('room_not_found');
      await closeRoom(code);
    });

    it('seats at most maxStudents, even when they all join at once', async () => {
      const limits = classroomLimits({ maxStudents: 30 });
      const { code } = await createRoom(limits);
      const joins = await Promise.allSettled(Array.from({ length: 36 }, (_, index) => joinRoom(code, `student ${index}`, limits)));
      const refused = joins.filter((join) => join.status === 'rejected').map((join) => (join.reason as ClassroomError).code);
      expect(joins.filter((join) => join.status === 'fulfilled')).toHaveLength(30);
      expect(refused).toEqual(Array(6).fill('room_full'));
      expect((await readRoomView(code)).students).toHaveLength(30);
      // A refused student gave the name back.
      const claimed = await withRedis((client) => client.hlen(roomKeys(code).nicknames));
      expect(claimed).toBe(30);
      await closeRoom(code);
    });

    it('bounds the rooms open at once and the rounds of a room; closing frees a place', async () => {
      const limits = classroomLimits({ maxRooms: 2, maxRounds: 2 });
      const first = await createRoom(limits);
      const second = await createRoom(limits);
      expect(first.code).not.toBe(second.code);
      expect(await refusal(createRoom(limits))).toBe('too_many_rooms');
      await startRound(first.code, 'ttl', 'maxim', limits);
      expect(await refusal(startRound(first.code, 'free', null, limits))).toBe('too_many_rounds');
      await closeRoom(first.code);
      const third = await createRoom(limits);
      await closeRoom(second.code);
      await closeRoom(third.code);
      expect(await refusal(readRoomView(first.code))).toBe('room_not_found');
    });

    it('tracks who warmed at most feedLength keys, and keeps counting the ones it tracks', async () => {
      const limits = classroomLimits({ feedLength: 10 });
      const { code } = await createRoom(limits);
      const ada = await joinRoom(code, 'Ada', limits);
      const { recordRequest } = await import('./record');
      const served = (key: string, status: 'miss' | 'hit') =>
        ({ key: `${env.CACHE_PREFIX}expensive_function:${key}`, status, latencyMs: 1, expiresAt: null, strategy: 'cache-aside' }) as Parameters<typeof recordRequest>[1];
      const tag = { room: code, student: ada.studentId, prediction: null, predictedMs: null };
      for (let index = 0; index < 12; index += 1) await recordRequest(tag, served(`k${index}`, 'miss'), limits);
      await recordRequest(tag, served('k0', 'hit'), limits);
      await recordRequest(tag, served('k11', 'hit'), limits);
      const tracked = await withRedis((client) => client.hlen(roomKeys(code).warmHits));
      expect(tracked).toBe(10);
      const view = await readRoomView(code, null, limits);
      expect(view.warmers[0]).toMatchObject({ key: 'expensive_function:k0', warmedBy: 'Ada', hitsSince: 1 });
      expect(view.warmers.map((warmer) => warmer.key)).not.toContain('expensive_function:k11');
      expect(view.totals.requests).toBe(14);
      expect(view.feed).toHaveLength(10);
      await closeRoom(code);
    });

    it('expires with every key it wrote', async () => {
      const limits = classroomLimits({ lifetimeMs: 1500 });
      const { code } = await createRoom(limits);
      const ada = await joinRoom(code, 'Ada', limits);
      await ask(ada, `ttl_${unique()}`, 'miss');
      await startRound(code, 'free', null, limits);
      // Looked at through the app's own client, so the check holds on the embedded store too.
      const ttls = await withRedis((client) => Promise.all(Object.values(roomKeys(code)).map((key) => client.pttl(key))));
      expect(ttls.every((ttl) => ttl > 0 && ttl <= 1500)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 1700));
      expect(await refusal(readRoomView(code))).toBe('room_not_found');
      const left = await withRedis((client) => Promise.all(Object.values(roomKeys(code)).map((key) => client.exists(key))));
      expect(left).toEqual(Array(left.length).fill(0));
    });

    it('does not record a request whose room headers are malformed or name a stranger, and still answers it', async () => {
      const { code } = await createRoom();
      const ada = await joinRoom(code, 'Ada');
      const name = `odd_${unique()}`;
      expect(await ask({ ...ada, studentId: 'x'.repeat(16) }, name, 'miss')).toBe('miss');
      expect(await ask({ ...ada, code: 'lowercase-not-a-code' }, name, 'hit')).toBe('hit');
      const odd = { [ROOM_HEADERS.room]: code, [ROOM_HEADERS.student]: ada.studentId, [ROOM_HEADERS.prediction]: 'maybe' };
      expect((await askUsername(apiRequest(`/api/username/${name}`, { headers: odd }), routeContext({ username: name }))).status).toBe(200);
      expect((await readRoomView(code)).totals.requests).toBe(0);
      await closeRoom(code);
    });
  });
}

classroomSuite('redis');
classroomSuite('embedded');

it('keeps the room keys under one hash tag and the open-rooms set apart', () => {
  const keys = Object.values(roomKeys('ABCD'));
  expect(keys.every((key) => key.includes('{room:ABCD}'))).toBe(true);
  expect(openRoomsKey()).not.toContain('{');
});

it('leaves no classroom key behind on the real Redis once rooms are closed', async () => {
  const rooms = await redis.zrange(openRoomsKey(), 0, -1);
  for (const code of rooms) await closeRoom(code);
  const left = (await keysUnder(redis, env.CACHE_PREFIX)).filter((key) => key.includes('_classroom:{room:'));
  expect(left).toEqual([]);
});
