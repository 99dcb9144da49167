import { afterAll, describe, expect, it } from 'vitest';
import { callApi, json } from '@/lib/testing/api';
import { redisAnswers } from '@/lib/core/redis-probe';
import { waitFor } from '@/lib/testing/redis-server';
import type { EvictionSnapshot, FailureSnapshot, LabStatus } from '@/lib/features/labs/types';

// The app starts its own lab redis-server (LAB_REDIS_URL unset); a fault costs milliseconds.
delete process.env.LAB_REDIS_URL;
Object.assign(process.env, { REDIS_COMMAND_TIMEOUT_MS: '300', REDIS_BREAKER_COOLDOWN_MS: '500', LAB_MAX_PAUSE_SECONDS: '5' });
const { closeLabRedis } = await import('@/lib/features/labs/lab-redis');
afterAll(closeLabRedis);

const post = (url: string, body: unknown) => callApi({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const fault = async (body: unknown) => {
  const response = await post('/api/labs/faults', body);
  expect(response.status, JSON.stringify(await response.clone().json())).toBe(200);
  return ((await json(response)) as { data: FailureSnapshot }).data;
};
const failures = async () => ((await json(await callApi({ url: '/api/labs/faults' }))) as { data: FailureSnapshot }).data;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function status(): Promise<LabStatus> {
  return ((await json(await callApi({ url: '/api/labs' }))) as { data: LabStatus }).data;
}

describe('lab API', () => {
  it('GET /api/labs starts a lab Redis of its own on loopback', async () => {
    const lab = await status();
    expect(lab).toMatchObject({ available: true, owned: true, running: true, busy: null });
    expect(lab.address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(await redisAnswers(`redis://${lab.address}`)).toBe(true);
  });

  it('refuses bad input with the one error shape', async () => {
    const small = await post('/api/labs/eviction', { capacity: 1000, inputs: 500 });
    expect(small.status).toBe(400);
    expect(await json(small)).toMatchObject({ error: { code: 'invalid_input', message: expect.stringContaining('inputs') } });
    expect((await post('/api/labs/eviction', { policies: ['allkeys-lru', 'allkeys-lru'] })).status).toBe(400);
    expect((await post('/api/labs/faults', { action: 'pause', seconds: 600 })).status).toBe(400);
    expect((await post('/api/labs/faults', { action: 'explode' })).status).toBe(400);
    expect((await callApi({ url: '/api/labs/eviction/nope' })).status).toBe(404);
  });

  it('noeviction turns OOM into computed answers, never a 5xx; one run at a time', { timeout: 60_000 }, async () => {
    const started = await post('/api/labs/eviction', { policies: ['noeviction'], capacity: 500, inputs: 10_000, rps: 2000, durationSeconds: 3, seed: 3 });
    expect(started.status).toBe(202);
    const { id } = ((await json(started)) as { data: EvictionSnapshot }).data;
    expect((await post('/api/labs/eviction', {})).status).toBe(409);
    let run: EvictionSnapshot | undefined;
    await waitFor(async () => {
      const response = await callApi({ url: `/api/labs/eviction/${id}` });
      expect(response.status).toBe(200);
      run = ((await json(response)) as { data: EvictionSnapshot }).data;
      return run.status !== 'running';
    }, 50_000, 200);
    const [result] = run!.results;
    const figures = JSON.stringify({ ...result, series: result!.series.slice(-3), slices: [] });
    expect(run!.status, figures).toBe('done');
    expect(result!.evicted).toBe(0);
    expect(result!.oomRefusals, figures).toBeGreaterThan(0);
    // Every refused write was still answered, with the computed value.
    expect(result!.notCached).toBe(result!.oomRefusals);
    expect(result!.answered).toBe(result!.sent);
    expect(result!.keysHeld!).toBeGreaterThan(500 * 0.85);
    expect(result!.keysHeld!).toBeLessThan(500 * 1.15);
  });
});

describe('failure lab', () => {
  it('each fault has its effect and the app recovers by itself, counting every answer once', { timeout: 90_000 }, async () => {
    const lab = await status();
    const direct = `redis://${lab.address}`;
    await fault({ action: 'start-traffic', rps: 200, users: 8, inputs: 2000, durationSeconds: 60 });
    // The app uses Redis again: no outage going on, and hits keep coming.
    const served = async () => {
      const before = (await failures()).traffic!.counts.hit;
      await sleep(300);
      const traffic = (await failures()).traffic!;
      return traffic.counts.hit > before && traffic.outages.every((outage) => outage.endMs !== null);
    };
    await waitFor(served, 5000);

    // Pause: commands hang, the breaker opens, requests are computed; after the pause it closes again.
    await fault({ action: 'pause', seconds: 2 });
    await waitFor(async () => (await failures()).traffic!.breaker !== 'closed', 3000, 20);
    await waitFor(async () => (await failures()).faults[0]?.recoveredMs !== null, 8000);
    await waitFor(served, 5000);
    let state = await failures();
    expect(state.traffic!.transitions.map((transition) => transition.state)).toContain('open');
    expect(state.faults[0]).toMatchObject({ action: 'pause', recoveryMs: expect.any(Number) });
    expect(state.faults[0]!.recoveredMs!, JSON.stringify(state.traffic!.transitions)).toBeGreaterThanOrEqual(state.faults[0]!.endedMs!);

    // Kill: the engine's connections are closed; it reconnects on its own.
    state = await fault({ action: 'kill-connections' });
    expect(state.faults[1]!.detail).toMatch(/closed [1-9]\d* Cache Lab connection/);
    await waitFor(served, 5000);

    // Latency above the command timeout: timeouts, bypasses; removed: hits again.
    const slowed = (await fault({ action: 'latency', ms: 800 })).faults.at(-1)!;
    await waitFor(async () => (await failures()).traffic!.outages.some((outage) => outage.startMs >= slowed.atMs! && outage.endMs === null), 8000);
    await fault({ action: 'latency', ms: 0 });
    await waitFor(served, 8000);

    // Stop and start: the lab Redis is gone, then back (empty); the app uses it again unasked.
    await fault({ action: 'stop' });
    expect(await redisAnswers(direct)).toBe(false);
    await sleep(500);
    await fault({ action: 'start' });
    expect(await redisAnswers(direct)).toBe(true);
    await waitFor(served, 8000);

    // Fill memory under noeviction: new entries are refused (computed, not stored), hits go on.
    await fault({ action: 'fill-memory' });
    const refusedBefore = (await failures()).traffic!.notCached;
    await waitFor(async () => (await failures()).traffic!.notCached > refusedBefore, 8000);
    await fault({ action: 'reset' });

    await fault({ action: 'stop-traffic' });
    state = await failures();
    const traffic = state.traffic!;
    expect(traffic.status).toBe('cancelled');
    expect(traffic.inFlight).toBe(0);
    expect(traffic.failed).toBe(0);
    const answered = Object.values(traffic.counts).reduce((sum, count) => sum + count, 0);
    expect(answered).toBe(traffic.answered);
    expect(traffic.answered).toBe(traffic.sent);
    // Every fault that made the app bypass the cache has a recovery moment, after the fault ended.
    const outages = state.faults.filter((record) => record.action !== 'fill-memory');
    expect(outages.map((record) => record.action)).toEqual(['pause', 'kill-connections', 'latency', 'stop']);
    for (const record of outages) expect(record.recoveredMs, JSON.stringify(state.faults)).not.toBeNull();
  });
});
