import { describe, expect, it } from 'vitest';
import { agoLabel, niceTicks, timeTicks } from './axes';

describe('chart axes', () => {
  it('rounds a rate axis up to a clean maximum, in clean steps', () => {
    expect(niceTicks(0)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.3)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(4)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(niceTicks(14)).toEqual([0, 5, 10, 15, 20]);
    expect(niceTicks(2400)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    expect(niceTicks(10_000)).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
  });

  it('labels time backwards from now, a handful of ticks per window', () => {
    expect(timeTicks(60)).toEqual([-50, -40, -30, -20, -10, 0]);
    expect(timeTicks(900).map(agoLabel)).toEqual(['−12 min', '−9 min', '−6 min', '−3 min', 'now']);
    expect(agoLabel(-0.4)).toBe('now');
    expect(agoLabel(-45)).toBe('−45 s');
  });
});
