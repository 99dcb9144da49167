import { describe, expect, it } from 'vitest';
import { formatCountdown, formatLatency, formatPoints, formatSpan, formatSpeedup } from './format';

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
