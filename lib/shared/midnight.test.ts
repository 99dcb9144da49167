import { describe, expect, it } from 'vitest';
import { nextMidnight } from './midnight';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

const formats = new Map<string, Intl.DateTimeFormat>();
/** The wall clock in a zone, as "YYYY-MM-DD HH:MM:SS", to assert what a local observer sees. */
function localTime(ms: number, timeZone: string): string {
  if (!formats.has(timeZone)) formats.set(timeZone, new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' }));
  return formats.get(timeZone)!.format(new Date(ms));
}

describe('nextMidnight', () => {
  it('is 00:00 of the next day on an ordinary day', () => {
    expect(iso(nextMidnight(at('2025-06-10T12:00:00Z'), 'Europe/Paris'))).toBe('2025-06-10T22:00:00.000Z');
    expect(iso(nextMidnight(at('2025-06-10T12:00:00Z'), 'UTC'))).toBe('2025-06-11T00:00:00.000Z');
    expect(iso(nextMidnight(at('2025-06-10T12:00:00Z'), 'America/New_York'))).toBe('2025-06-11T04:00:00.000Z');
  });

  it('uses the zone’s calendar day, not the UTC one (half-hour offsets included)', () => {
    // 20:00 UTC is already 01:30 on 2 January in India.
    expect(iso(nextMidnight(at('2025-01-01T20:00:00Z'), 'Asia/Kolkata'))).toBe('2025-01-02T18:30:00.000Z');
    // 10:00 UTC on 1 January is still 31 December in Honolulu.
    expect(iso(nextMidnight(at('2025-01-01T05:00:00Z'), 'Pacific/Honolulu'))).toBe('2025-01-01T10:00:00.000Z');
  });

  it('is strictly after now, even exactly at midnight', () => {
    expect(iso(nextMidnight(at('2025-06-10T22:00:00Z'), 'Europe/Paris'))).toBe('2025-06-11T22:00:00.000Z');
    expect(iso(nextMidnight(at('2025-06-10T21:59:59.999Z'), 'Europe/Paris'))).toBe('2025-06-10T22:00:00.000Z');
  });

  it('handles the 23-hour day when clocks spring forward at 02:00', () => {
    // Paris, 30 March 2025: the day before ends at 00:00 CET, the day itself at 00:00 CEST.
    expect(iso(nextMidnight(at('2025-03-29T12:00:00Z'), 'Europe/Paris'))).toBe('2025-03-29T23:00:00.000Z');
    expect(iso(nextMidnight(at('2025-03-30T10:00:00Z'), 'Europe/Paris'))).toBe('2025-03-30T22:00:00.000Z');
  });

  it('handles the 25-hour day when clocks fall back at 03:00', () => {
    expect(iso(nextMidnight(at('2025-10-25T12:00:00Z'), 'Europe/Paris'))).toBe('2025-10-25T22:00:00.000Z');
    expect(iso(nextMidnight(at('2025-10-26T01:30:00Z'), 'Europe/Paris'))).toBe('2025-10-26T23:00:00.000Z');
  });

  it('starts the day at 01:00 where midnight does not exist (Santiago, clocks jump 00:00 → 01:00)', () => {
    const midnight = nextMidnight(at('2024-09-07T15:00:00Z'), 'America/Santiago');
    expect(iso(midnight)).toBe('2024-09-08T04:00:00.000Z');
    expect(localTime(midnight, 'America/Santiago')).toBe('2024-09-08 01:00:00');
    expect(localTime(midnight - 1, 'America/Santiago')).toBe('2024-09-07 23:59:59');
  });

  it('waits for the second 00:00 where clocks fall back from 00:00 to 23:00 (Santiago)', () => {
    const midnight = nextMidnight(at('2025-04-05T15:00:00Z'), 'America/Santiago');
    expect(iso(midnight)).toBe('2025-04-06T04:00:00.000Z');
    expect(localTime(midnight, 'America/Santiago')).toBe('2025-04-06 00:00:00');
    // During the repeated hour the calendar still says 5 April.
    expect(localTime(at('2025-04-06T03:30:00Z'), 'America/Santiago')).toBe('2025-04-05 23:30:00');
  });

  it('takes the first of two 00:00s when clocks fall back from 01:00 to 00:00 (Havana)', () => {
    const midnight = nextMidnight(at('2025-11-01T16:00:00Z'), 'America/Havana');
    expect(iso(midnight)).toBe('2025-11-02T04:00:00.000Z');
    // Inside that repeated hour it is already 2 November: the next midnight is the 3rd's.
    expect(iso(nextMidnight(at('2025-11-02T04:30:00Z'), 'America/Havana'))).toBe('2025-11-03T05:00:00.000Z');
  });

  it('ends the day before a skipped calendar day at the start of the day after (Samoa, 2011)', () => {
    const midnight = nextMidnight(at('2011-12-29T22:00:00Z'), 'Pacific/Apia');
    expect(localTime(midnight, 'Pacific/Apia')).toBe('2011-12-31 00:00:00');
    expect(localTime(midnight - 1, 'Pacific/Apia')).toBe('2011-12-29 23:59:59');
  });

  it('always lands on the first instant of a later local day, within 25 hours', () => {
    const zones = ['Europe/London', 'America/Santiago', 'Asia/Tehran', 'Australia/Lord_Howe', 'America/St_Johns', 'Pacific/Chatham'];
    const start = at('2024-01-01T00:00:00Z');
    for (const timeZone of zones) {
      for (let step = 0; step < 400; step += 1) {
        const now = start + step * 22.3 * 3_600_000;
        const midnight = nextMidnight(now, timeZone);
        expect(midnight).toBeGreaterThan(now);
        expect(midnight - now).toBeLessThanOrEqual(25 * 3_600_000);
        const before = localTime(midnight - 1, timeZone).slice(0, 10);
        expect(before).toBe(localTime(now, timeZone).slice(0, 10));
        expect(localTime(midnight, timeZone).slice(0, 10) > before).toBe(true);
      }
    }
  });
});
