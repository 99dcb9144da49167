/**
 * The next midnight in an IANA time zone, for entries whose data is valid "until the end of the
 * day" (a daily leaderboard, a forecast that starts today). Pure: shared by server and tests.
 */

export const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The first instant after `now` at which the calendar date in `timeZone` changes: normally
 * 00:00 of the next day. Daylight-saving days are handled as a wall clock would:
 * - a 23- or 25-hour day (the change at 02:00 or 03:00) still ends at 00:00;
 * - where 00:00 does not exist (clocks jump from 00:00 to 01:00) the day starts at 01:00;
 * - where 00:00 happens twice (clocks fall back from 01:00 to 00:00) the first one counts;
 * - where clocks fall back from 00:00 to 23:00, the day changes at the second 00:00 (the
 *   first one is never shown);
 * - a skipped calendar day (Samoa, 30 December 2011) ends today at the start of the day after.
 */
export function nextMidnight(now: number, timeZone: string): number {
  const tomorrow = wallClockOf(now, timeZone).date + DAY_MS;
  // The UTC offset can only differ across a transition, and no zone changes twice within a day.
  const offsets = new Set([offsetAt(tomorrow - DAY_MS, timeZone), offsetAt(tomorrow + DAY_MS, timeZone)]);
  const exact = [...offsets]
    .map((offset) => tomorrow - offset)
    .filter((instant) => instant > now && wallClockOf(instant, timeZone).wall === tomorrow)
    .sort((a, b) => a - b);
  if (exact.length > 0) return exact[0] as number;
  // Midnight is skipped: the clock jumps over it at the instant it would have shown 00:00 on the old offset.
  return tomorrow - offsetAt(tomorrow - DAY_MS, timeZone);
}

interface WallClock {
  /** Local date and time written as if it were UTC (ms). */
  wall: number;
  /** The local calendar day's 00:00, written as if it were UTC (ms). */
  date: number;
}

function wallClockOf(instant: number, timeZone: string): WallClock {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((candidate) => candidate.type === type)?.value);
  const date = Date.UTC(part('year'), part('month') - 1, part('day'));
  return { date, wall: date + ((part('hour') * 60 + part('minute')) * 60 + part('second')) * 1000 + (instant - Math.floor(instant / 1000) * 1000) };
}

/** Local wall time minus UTC, in ms, at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  return wallClockOf(instant, timeZone).wall - instant;
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timeZone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, cached);
  }
  return cached;
}
