import { NextRequest } from 'next/server';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DELETE, GET } from '@/app/api/simulations/[id]/route';
import { GET as LATEST, POST } from '@/app/api/simulations/route';
import { flushMetrics } from '../../cache';
import { statsKeys } from '../../cache/keys';
import { env } from '../../core/env';
import { usernameScenario } from '../../scenarios/username';
import { withWorkDelay } from '../../scenarios/scenario';
import { inspector, keysUnder, removeUnder } from '../../testing/redis';
import { findSimulation } from './manager';
import type { SimulationSnapshot } from './types';
import { theoreticalCurve } from '../../workload/zipf';

const redis = inspector();

afterAll(async () => {
  await flushMetrics();
  await removeUnder(redis, env.CACHE_PREFIX);
  expect(await keysUnder(redis, env.CACHE_PREFIX)).toEqual([]);
  redis.disconnect();
});

function start(body: unknown) {
  const request = new NextRequest('http://localhost/api/simulations', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return POST(request, {});
}

async function startRun(body: unknown): Promise<SimulationSnapshot> {
  const response = await start(body);
  expect(response.status).toBe(202);
  return ((await response.json()) as { data: SimulationSnapshot }).data;
}

async function finished(id: string): Promise<SimulationSnapshot> {
  await findSimulation(id).finished;
  const response = await GET(new NextRequest(`http://localhost/api/simulations/${id}`), { params: Promise.resolve({ id }) });
  return ((await response.json()) as { data: SimulationSnapshot }).data;
}

async function simTotals() {
  await flushMetrics();
  const raw = await redis.hgetall(statsKeys.totals('sim', 'username'));
  return Object.fromEntries(Object.entries(raw).map(([field, value]) => [field, Number(value)]));
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, count) => total + count, 0);

describe('POST /api/simulations', () => {
  it('rejects runs beyond the caps, unknown scenarios and stray fields', async () => {
    const tooLong = await start({ scenario: 'username', rps: env.SIMULATOR_MAX_RPS, durationSeconds: env.SIMULATOR_MAX_DURATION_SECONDS });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { error: { message: string } }).error.message).toContain(`at most ${env.SIMULATOR_MAX_REQUESTS}`);
    expect((await start({ scenario: 'nope' })).status).toBe(404);
    expect((await start({ scenario: 'username', users: 0 })).status).toBe(400);
    expect((await start({ scenario: 'username', hack: true })).status).toBe(400);
  });
});

describe('a Zipf run', () => {
  it('sends every planned request through the engine as sim traffic, with a hit ratio near theory', async () => {
    const before = await simTotals();
    const run = await startRun({ scenario: 'username', distribution: 'zipf', inputs: 20, s: 1.2, users: 4, rps: 100, durationSeconds: 2, computeDelayMs: 5, seed: 7 });
    expect(run).toMatchObject({ status: 'running', phases: [{ planned: 200, mode: 'cache', strategy: 'cache-aside' }] });

    // One run at a time per instance.
    const second = await start({ scenario: 'username' });
    expect(second.status).toBe(409);

    const result = await finished(run.id);
    expect(result.status).toBe('done');
    const [phase] = result.phases;
    expect(phase).toMatchObject({ sent: 200, completed: 200, failed: 0 });
    expect(sum(phase?.counts ?? {})).toBe(200);
    expect(phase?.computations).toBe(phase?.counts.miss);
    const theory = theoreticalCurve(20, 1.2, 200).at(-1)?.hitRatio ?? 0;
    expect(Math.abs((phase?.hitRatio ?? 0) - theory)).toBeLessThan(0.1);
    expect(phase?.series.at(-1)).toEqual({ k: 200, hitRatio: phase?.hitRatio });
    expect(phase?.latency?.p50).toBeLessThanOrEqual(phase?.latency?.p99 ?? 0);
    expect(sum(Object.fromEntries((phase?.histogram ?? []).entries()))).toBe(200);

    // Same engine, same metrics: counted under the sim source, exactly.
    const after = await simTotals();
    const requests = (counts: Record<string, number>) => ['hit', 'miss', 'coalesced', 'stale', 'bypass'].reduce((total, status) => total + (counts[status] ?? 0), 0);
    expect(requests(after) - requests(before)).toBe(200);

    const latest = (await (await LATEST(new NextRequest('http://localhost/api/simulations'), {})).json()) as { data: SimulationSnapshot };
    expect(latest.data.id).toBe(run.id);
  });

  it('replays the same inputs without the cache in comparison mode', async () => {
    const run = await startRun({ scenario: 'username', distribution: 'zipf', inputs: 10, users: 5, rps: 100, durationSeconds: 1, computeDelayMs: 2, compare: 'bypass' });
    const [cachedPhase, bypassPhase] = (await finished(run.id)).phases;
    expect(cachedPhase?.counts.hit).toBeGreaterThan(0);
    expect(bypassPhase).toMatchObject({ label: 'without cache', completed: 100, computations: 100, savedMs: 0, hitRatio: null });
    expect(bypassPhase?.counts.bypass).toBe(100);
  });
});

describe('a hot-key burst', () => {
  it('computes once with stampede protection and once per request without', async () => {
    const run = await startRun({ scenario: 'username', distribution: 'burst', users: 100, strategy: 'lock', compare: 'cache-aside', computeDelayMs: 150 });
    const [locked, plain] = (await finished(run.id)).phases;
    expect(locked).toMatchObject({ label: 'with cache (lock)', completed: 100, computations: 1, counts: { miss: 1, coalesced: 99 } });
    expect(locked?.savedMs).toBeGreaterThan(0);
    expect(plain).toMatchObject({ label: 'with cache (cache-aside)', completed: 100, computations: 100, counts: { miss: 100 } });
  });
});

describe('DELETE /api/simulations/{id}', () => {
  it('cancels a run: nothing more is sent, and the result says so', async () => {
    const run = await startRun({ scenario: 'username', distribution: 'uniform', inputs: 50, users: 2, rps: 20, durationSeconds: 30, computeDelayMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const response = await DELETE(new NextRequest(`http://localhost/api/simulations/${run.id}`, { method: 'DELETE' }), { params: Promise.resolve({ id: run.id }) });
    const cancelled = ((await response.json()) as { data: SimulationSnapshot }).data;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.phases[0]?.sent).toBeGreaterThan(0);
    expect(cancelled.phases[0]?.sent).toBeLessThan(600);
    expect(cancelled.phases[0]?.completed).toBe(cancelled.phases[0]?.sent);
    // The instance is free again.
    const next = await startRun({ scenario: 'username', distribution: 'burst', users: 2, computeDelayMs: 1 });
    await finished(next.id);
  });

  it('answers 404 for a run this instance does not know', async () => {
    const response = await GET(new NextRequest('http://localhost/api/simulations/nope'), { params: Promise.resolve({ id: 'nope' }) });
    expect(response.status).toBe(404);
  });
});

describe('the per-run compute delay', () => {
  it('replaces the simulated work of a scenario inside the run only', async () => {
    const timeout = vi.spyOn(globalThis, 'setTimeout');
    try {
      await withWorkDelay(3, () => usernameScenario.compute({ username: 'quick' }));
      await usernameScenario.compute({ username: 'normal' });
      const delays = timeout.mock.calls.map((call) => call[1]);
      expect(delays).toContain(3);
      expect(delays).toContain(env.USERNAME_DELAY_MS);
    } finally {
      timeout.mockRestore();
    }
  });
});
