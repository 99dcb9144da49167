import { describe, expect, it } from 'vitest';
import { eventFields } from '../../cache/event';
import { toEvent } from './events';

describe('recent-requests stream entries', () => {
  it('read back what the recorder writes, field by field', () => {
    const observation = { scenario: 'username', source: 'sim', status: 'near-hit', key: 'cachelab:expensive_function:ada', latencyMs: 0.0123456, computeMs: 0, at: 1_700_000_000_123, strategy: 'near' } as const;
    expect(toEvent('1700000000123-0', eventFields(observation))).toEqual({
      id: '1700000000123-0', t: 1_700_000_000_123, scenario: 'username', source: 'sim', status: 'near-hit', key: 'cachelab:expensive_function:ada', ms: 0.012,
    });
  });

  it('skips an entry with a status the engine never writes', () => {
    expect(toEvent('1-0', ['t', '1', 'status', 'teapot'])).toBeNull();
  });
});
