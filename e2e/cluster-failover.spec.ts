import { expect, test } from '@playwright/test';
import { OwnRedisCluster } from '../lib/testing/cluster';
import { startNextApp, type NextApp } from './own-app';

/**
 * The production build on a 3 + 3 cluster of its own, a master killed under HTTP load: every
 * request still answers 200 (bypasses while the replica takes over, never a 5xx or a hang), and
 * hits resume without a restart.
 */
let cluster: OwnRedisCluster;
let app: NextApp;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  cluster = await OwnRedisCluster.start({ masters: 3, replicas: 1, nodeTimeoutMs: 1000 });
  app = await startNextApp({
    REDIS_URL: '', REDIS_CLUSTER_NODES: cluster.seeds, USERNAME_DELAY_MS: '50', RATE_LIMIT_POINTS: '0',
    REDIS_COMMAND_TIMEOUT_MS: '300', REDIS_BREAKER_THRESHOLD: '3', REDIS_BREAKER_COOLDOWN_MS: '500',
  });
});

test.afterAll(async () => {
  await app?.stop();
  await cluster?.stop();
});

test('a master killed under load: every request answers 200, then hits resume without a restart', async ({ request }) => {
  test.setTimeout(90_000);
  const names = Array.from({ length: 24 }, (_, index) => `failover_${index}`);
  const ask = async (name: string) => {
    const started = Date.now();
    const response = await request.get(`${app.url}/api/username/${name}`, { timeout: 10_000 });
    return { status: response.status(), cache: response.headers()['x-cache'] ?? '', ms: Date.now() - started };
  };
  for (const name of names) expect((await ask(name)).status).toBe(200);

  const answers: { status: number; cache: string; ms: number }[] = [];
  let stop = false;
  const load = (async () => {
    while (!stop) answers.push(...(await Promise.all(names.map(ask))));
  })();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const [victim] = await cluster.masterPorts();
  await cluster.kill(victim!);
  await cluster.waitUntilHealthy(3, 0, 30_000);
  await expect(async () => {
    const round = await Promise.all(names.map(ask));
    expect(round.map((answer) => answer.cache)).toEqual(names.map(() => 'HIT'));
  }).toPass({ timeout: 20_000, intervals: [250] });
  stop = true;
  await load;

  expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
  expect(answers.some((answer) => answer.cache === 'BYPASS')).toBe(true);
  expect(new Set(answers.map((answer) => answer.cache))).toEqual(new Set(answers.map((answer) => answer.cache).filter((cache) => ['HIT', 'MISS', 'BYPASS'].includes(cache))));
  // No hang: the slowest answer waited a few command timeouts at most (plus a loaded machine's slack).
  expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(5000);
});
