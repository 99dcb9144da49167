import { describe, expect, it } from 'vitest';
import { scratchPrefix } from '../../testing/scratch';
import { appendLife, readLife, type LifeRow } from './timeline';

const { redis, prefix } = scratchPrefix('timeline');

describe('a key timeline merges Redis rows with the engine rows of the same event', () => {
  it("keeps one row per event when Redis' row of a later event lands between the engine's write and its report", async () => {
    const key = `${prefix}expensive_function:merge`;
    const now = Date.now();
    const append = (row: LifeRow) => appendLife(redis, key, row, prefix);
    // The order a delete right after a store gives: Redis' `set` and `del`, then the engine's batch of both.
    expect(await append({ type: 'stored', at: now, origin: 'redis' })).toBe(1);
    expect(await append({ type: 'deleted', at: now + 5, origin: 'redis' })).toBe(1);
    expect(await append({ type: 'stored', at: now + 1, origin: 'app', by: 'a request', computeMs: 30, ttlMs: 60_000, expiresAt: now + 60_001 })).toBe(1);
    expect(await append({ type: 'deleted', at: now + 4, origin: 'app', by: 'invalidate' })).toBe(1);
    // Another instance's subscriber, late: already there.
    expect(await append({ type: 'deleted', at: now + 6, origin: 'redis' })).toBe(0);

    const events = await readLife(redis, key, now + 10, prefix);
    expect(events.map((event) => [event.type, event.origin])).toEqual([
      ['stored', 'app'],
      ['deleted', 'app'],
    ]);
  });
});
