import { describe, expect, it } from 'vitest';
import { planWindow } from './window';

const at = (epochSecond: number, ms = 400) => epochSecond * 1000 + ms;

describe('planWindow', () => {
  it('uses 1-second bins for a minute, ending with the last second the recorder has surely flushed', () => {
    const plan = planWindow(60, at(1_000_000_008));
    expect(plan).toMatchObject({ step: 1, percentileStep: 5, to: 1_000_000_006 });
    expect(plan.bins).toHaveLength(60);
    expect(plan.bins.at(-1)).toBe(1_000_000_006);
    expect(plan.bins[0]).toBe(1_000_000_006 - 59);
    // Percentile bins may end in the slot still filling: slot 1_000_000_005 holds second 6.
    expect(plan.percentileBins).toHaveLength(12);
    expect(plan.percentileBins.at(-1)).toBe(1_000_000_005);
  });

  it('keeps 5- and 15-minute windows near 60 epoch-aligned bins that do not move within a bin', () => {
    const five = planWindow(300, at(1_000_000_012));
    expect(five).toMatchObject({ step: 5, percentileStep: 5 });
    expect(five.bins).toHaveLength(60);
    expect(five.bins.every((start) => start % 5 === 0)).toBe(true);
    expect(five.bins.at(-1)).toBe(1_000_000_005); // the bin 10..14 is not complete yet
    expect(planWindow(300, at(1_000_000_015)).bins).toEqual(five.bins);
    expect(planWindow(300, at(1_000_000_016)).bins.at(-1)).toBe(1_000_000_010);

    const fifteen = planWindow(900, at(1_000_000_012));
    expect(fifteen).toMatchObject({ step: 15, percentileStep: 15 });
    expect(fifteen.bins).toHaveLength(60);
    expect(fifteen.bins.every((start) => start % 15 === 0)).toBe(true);
  });

  it('lists every minute hash the window touches, and no other', () => {
    const plan = planWindow(300, at(6000 * 60 + 2));
    const first = Math.min(plan.bins[0] ?? 0, plan.percentileBins[0] ?? 0);
    expect(plan.minutes[0]).toBe(Math.floor(first / 60));
    expect(plan.minutes.at(-1)).toBe(Math.floor(plan.to / 60));
    expect(plan.minutes).toHaveLength(plan.minutes.at(-1)! - plan.minutes[0]! + 1);
  });
});
