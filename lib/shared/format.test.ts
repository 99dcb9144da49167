import { describe, expect, it } from 'vitest';
import { formatAgo, formatBytes, formatClock, formatCount, formatCountdown, formatDateTime, formatDuration, formatLatency, formatPercent, formatPoints, formatRate, formatSpan, formatSpeedup } from './format';

describe('formatting numbers with their units', () => {
  it('formats latency from microseconds to seconds', () => {
    expect(formatLatency(0.2134)).toBe('0.21 ms');
    expect(formatLatency(48.04)).toBe('48.0 ms');
    expect(formatLatency(480.4)).toBe('480 ms');
    expect(formatLatency(3012)).toBe('3.01 s');
  });

  it('formats countdowns, rounding partial seconds up', () => {
    expect(formatCountdown(86_399_000)).toBe('23 h 59 min 59 s');
    expect(formatCountdown(245_000)).toBe('4 min 05 s');
    expect(formatCountdown(8_001)).toBe('9 s');
    expect(formatCountdown(-5)).toBe('0 s');
  });

  it('formats spans and speed-ups', () => {
    expect(formatSpan(5 * 3_600_000 + 12 * 60_000 + 30_000)).toBe('5 h 12 min');
    expect(formatSpan(20_000)).toBe('under a minute');
    expect(formatSpeedup(3000, 0.25)).toBe('12,000×');
    expect(formatSpeedup(30, 4)).toBe('7.5×');
  });

  it('formats scores with thousands separators and their unit', () => {
    expect(formatPoints(1_234_567)).toBe('1,234,567 pts');
    expect(formatPoints(0)).toBe('0 pts');
  });
});

describe('formatting dashboard figures', () => {
  it('formats counts, rates and shares', () => {
    expect(formatCount(12_480)).toBe('12,480');
    expect(formatCount(1_234_567)).toBe('1.2 M');
    expect(formatRate(0)).toBe('0/s');
    expect(formatRate(0.25)).toBe('0.3/s');
    expect(formatRate(4)).toBe('4/s');
    expect(formatRate(14.2)).toBe('14/s');
    expect(formatRate(2480)).toBe('2.5 k/s');
    expect(formatPercent(0.75)).toBe('75.0 %');
    expect(formatPercent(null)).toBe('—');
  });

  it('formats sizes and long durations', () => {
    expect(formatBytes(312)).toBe('312 B');
    expect(formatBytes(4_130)).toBe('4.1 kB');
    expect(formatBytes(2_345_678)).toBe('2.3 MB');
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(3_600)).toBe('3.60 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
    expect(formatDuration(5 * 3_600_000 + 12 * 60_000)).toBe('5 h 12 min');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 h');
  });
});

describe('telling the time one way', () => {
  const midnight = Date.UTC(2026, 11, 2, 0, 0, 0);
  it('is 24-hour, with seconds unless asked otherwise, and names a zone that is given', () => {
    expect(formatClock(midnight, { timeZone: 'UTC' })).toBe('00:00:00 UTC');
    expect(formatClock(midnight + 13 * 3_600_000 + 5_000, { timeZone: 'UTC', seconds: false })).toBe('13:00 UTC');
    expect(formatClock(midnight, { timeZone: 'Europe/Paris', seconds: false })).toBe('01:00 Europe/Paris');
    expect(formatClock(midnight)).toMatch(/^\d\d:\d\d:\d\d$/);
  });

  it('gives the date in the same style, never "12/2/2026, 12:00:00 AM"', () => {
    expect(formatDateTime(midnight, 'UTC')).toBe('2 Dec 2026, 00:00:00 UTC');
    expect(formatDateTime(midnight)).not.toMatch(/AM|PM|\//);
  });

  it('says how long ago', () => {
    expect(formatAgo(12_400)).toBe('12 s ago');
    expect(formatAgo(4 * 60_000 + 59_000)).toBe('4 min ago');
    expect(formatAgo(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 05 min ago');
  });
});
