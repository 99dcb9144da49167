import { describe, expect, it } from 'vitest';
import { scratchPrefix } from '../testing/scratch';
import type { Observation } from './event';
import { statsKeys } from './keys';
import { MetricsRecorder } from './recorder';

const { redis, prefix } = scratchPrefix('recorder');

const observation = (index: number, at: number): Observation => ({
  scenario: 'queued', source: 'live', status: index % 4 === 0 ? 'miss' : 'hit', key: `k${index}`, latencyMs: 0.1 + (index % 7), computeMs: index % 4 === 0 ? 5 : 0, at, strategy: 'cache-aside',
});

describe('MetricsRecorder, tallying queued observations', () => {
  it('counts every observation exactly once, across seconds and past the queue bound, and keeps the last events in order', async () => {
    const recorder = new MetricsRecorder(prefix);
    const start = Date.now();
    // 5,000 observations over three seconds: more than TALLY_AT_OBSERVATIONS, so the queue is tallied twice before the flush.
    for (let index = 0; index < 5000; index += 1) recorder.observe(observation(index, start + Math.floor(index / 2000) * 1000));
    await recorder.flush();

    const totals = await redis.hgetall(statsKeys.totals('live', 'queued', prefix));
    expect([Number(totals.hit), Number(totals.miss)]).toEqual([3750, 1250]);
    const events = await redis.xrevrange(statsKeys.events(prefix), '+', '-', 'COUNT', 3);
    expect(events.map(([, fields]) => fields[fields.indexOf('key') + 1])).toEqual(['k4999', 'k4998', 'k4997']);
    expect(await redis.xlen(statsKeys.events(prefix))).toBeLessThanOrEqual(100);
  });
});
