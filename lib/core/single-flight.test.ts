import { describe, expect, it } from 'vitest';
import { freshSingleFlight } from './single-flight';

/** Work whose runs finish only when the test says so, recording when each one started. */
function controlledWork() {
  const runs: Array<{ startedAt: number; finish: (value: number) => void; fail: (error: Error) => void }> = [];
  let clock = 0;
  const work = () =>
    new Promise<number>((resolve, reject) => {
      const startedAt = ++clock;
      runs.push({ startedAt, finish: resolve, fail: reject });
    });
  return { runs, work, tick: () => ++clock };
}

const flushMicrotasks = () => new Promise((resolve) => setImmediate(resolve));

describe('freshSingleFlight', () => {
  it('runs at most once plus one queued run, however many callers arrive', async () => {
    const { runs, work } = controlledWork();
    const shared = freshSingleFlight(work);
    const first = shared();
    const later = Array.from({ length: 20 }, () => shared());
    expect(runs).toHaveLength(1);

    runs[0]?.finish(1);
    await flushMicrotasks();
    expect(runs).toHaveLength(2);
    runs[1]?.finish(2);

    expect(await first).toBe(1);
    expect(new Set(await Promise.all(later))).toEqual(new Set([2]));
  });

  it('never answers a caller with a run that started before it asked', async () => {
    const { runs, work, tick } = controlledWork();
    const shared = freshSingleFlight(work);
    void shared();
    const askedAt = tick();
    const answer = shared();
    runs[0]?.finish(1);
    await flushMicrotasks();
    expect(runs[1]?.startedAt).toBeGreaterThan(askedAt);
    runs[1]?.finish(2);
    expect(await answer).toBe(2);
  });

  it('starts afresh once idle, and queued callers still run after a failure', async () => {
    const { runs, work } = controlledWork();
    const shared = freshSingleFlight(work);
    const failing = shared();
    const queued = shared();
    runs[0]?.fail(new Error('database is locked'));
    await expect(failing).rejects.toThrow('database is locked');
    await flushMicrotasks();
    runs[1]?.finish(7);
    expect(await queued).toBe(7);

    const idle = shared();
    expect(runs).toHaveLength(3);
    runs[2]?.finish(8);
    expect(await idle).toBe(8);
  });
});
