import { describe, expect, it } from 'vitest';
import type { RecentEvent, ThroughputPoint } from '@/lib/contracts/dashboard';
import { quietWindow } from './quiet-window';

const NOW = 1_800_000_000_000;
const point = (hits: number): ThroughputPoint => ({ t: 0, rates: { hit: hits, 'near-hit': 0, miss: 0, coalesced: 0, stale: 0, bypass: 0 }, invalidations: 0, hitRatio: null });
const event = (agoMs: number, scenario = 'username'): RecentEvent => ({ id: String(agoMs), t: NOW - agoMs, scenario, source: 'sim', status: 'hit', key: 'k', ms: 1 });
const base = { totalRequests: 3013, throughput: [point(0), point(0)], events: [event(90_000)], scenario: '', windowSeconds: 60 as const, now: NOW };

describe('quietWindow', () => {
  it('a quiet minute after a run: names the last request and the window that shows it', () => {
    expect(quietWindow(base)).toEqual({ lastAt: NOW - 90_000, wider: 300 });
    expect(quietWindow({ ...base, events: [event(10 * 60_000)] })).toEqual({ lastAt: NOW - 600_000, wider: 900 });
  });

  it('older than every window: offers the widest', () => {
    expect(quietWindow({ ...base, events: [event(3_600_000)] })?.wider).toBe(900);
    expect(quietWindow({ ...base, events: [] })).toEqual({ lastAt: null, wider: 900 });
  });

  it('says nothing while requests arrive, or when nothing was ever recorded', () => {
    expect(quietWindow({ ...base, throughput: [point(0), point(0.2)] })).toBeNull();
    expect(quietWindow({ ...base, totalRequests: 0 })).toBeNull();
  });

  it('follows the scenario the charts show', () => {
    const events = [event(5_000, 'weather'), event(400_000, 'username')];
    expect(quietWindow({ ...base, events, scenario: 'username' })).toEqual({ lastAt: NOW - 400_000, wider: 900 });
  });

  it('at the widest window there is nothing wider to offer', () => {
    expect(quietWindow({ ...base, windowSeconds: 900 })?.wider).toBeNull();
  });
});
