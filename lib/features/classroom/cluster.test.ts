import { afterAll, beforeAll, expect, it } from 'vitest';
import { OwnRedisCluster } from '../../testing/cluster';
import { apiRequest, routeContext } from '../../testing/requests';

/**
 * A room on a Redis Cluster of its own (3 masters): every room command (the join script, the
 * record MULTI, the view pipeline, the close DEL) must stay in the room's one slot, or the cluster
 * refuses it with CROSSSLOT. REDIS_CLUSTER_NODES is set before the app's modules load.
 */
let cluster: OwnRedisCluster;
let app: {
  rooms: typeof import('./rooms');
  students: typeof import('./students');
  view: typeof import('./view');
  keys: typeof import('./keys');
  redis: typeof import('../../core/redis');
  username: typeof import('@/app/api/username/[username]/route');
};

beforeAll(async () => {
  cluster = await OwnRedisCluster.start({ masters: 3 });
  process.env.REDIS_CLUSTER_NODES = cluster.seeds;
  app = {
    rooms: await import('./rooms'),
    students: await import('./students'),
    view: await import('./view'),
    keys: await import('./keys'),
    redis: await import('../../core/redis'),
    username: await import('@/app/api/username/[username]/route'),
  };
}, 60_000);

afterAll(async () => {
  (await app?.redis.getRedis())?.client.disconnect();
  await cluster?.stop();
});

it('opens a room, seats students, records their requests and closes it on a Redis Cluster', async () => {
  expect((await app.redis.getRedis()).topology).toBe('cluster');
  const { code } = await app.rooms.createRoom();
  const [ada, bob] = [await app.students.joinRoom(code, 'Ada'), await app.students.joinRoom(code, 'Bob')];
  await expect(app.students.joinRoom(code, 'ADA')).rejects.toMatchObject({ code: 'nickname_taken' });
  await app.rooms.startRound(code, 'ask', 'maxim');

  const ask = async (student: typeof ada, prediction: string) => {
    const headers = { 'x-classroom-room': code, 'x-classroom-student': student.studentId, 'x-classroom-prediction': prediction };
    const response = await app.username.GET(apiRequest('/api/username/maxim', { headers }), routeContext({ username: 'maxim' }));
    return ((await response.json()) as { cache: { status: string } }).cache.status;
  };
  expect(await ask(ada, 'miss')).toBe('miss');
  expect(await ask(bob, 'miss')).toBe('hit');

  const view = await app.view.readRoomView(code, ada.studentId);
  expect(view.totals).toEqual({ requests: 2, hits: 1, misses: 1, hitRatio: 0.5 });
  expect(view.rounds[1]).toMatchObject({ number: 2, predicted: 2, correct: 1 });
  // The readable key, without the cluster layout's hash-tag braces.
  expect(view.warmers).toEqual([expect.objectContaining({ key: 'expensive_function:maxim', warmedBy: 'Ada', hitsSince: 1 })]);
  expect(view.you).toMatchObject({ nickname: 'Ada', correct: 1 });

  expect(await app.rooms.closeRoom(code)).toBe(true);
  await expect(app.view.readRoomView(code)).rejects.toMatchObject({ code: 'room_not_found' });
}, 30_000);
