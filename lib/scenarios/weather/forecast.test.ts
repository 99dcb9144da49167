import { describe, expect, it } from 'vitest';
import { CITIES, editDistance, findCity, suggestCity, type City } from './cities';
import { FORECAST_DAYS, forecast7Days, forecastDay, parseIsoDate, SNOW_MAX_TEMP_C, todayIn, type DailyForecast } from './forecast';

function city(slug: string): City {
  const found = findCity(slug);
  if (found === null) throw new Error(`test city missing: ${slug}`);
  return found;
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const meanMax = (days: DailyForecast[]) => mean(days.map((d) => d.tempMaxC));

/** Every day of `year` for `c`, for statistical checks. */
function wholeYear(c: City, year: number): DailyForecast[] {
  const start = Date.UTC(year, 0, 1);
  return Array.from({ length: 365 }, (_, i) => forecastDay(c, new Date(start + i * 86_400_000).toISOString().slice(0, 10)));
}

describe('CITIES', () => {
  it('has about fifty well-formed, unique cities with valid coordinates and IANA zones', () => {
    expect(CITIES.length).toBeGreaterThanOrEqual(45);
    expect(new Set(CITIES.map((c) => c.slug)).size).toBe(CITIES.length);
    for (const c of CITIES) {
      expect(c.slug).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(Math.abs(c.lat)).toBeLessThanOrEqual(90);
      expect(Math.abs(c.lon)).toBeLessThanOrEqual(180);
      expect(() => new Intl.DateTimeFormat('en', { timeZone: c.timeZone })).not.toThrow();
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.country.length).toBeGreaterThan(0);
    }
    expect(CITIES.map((c) => c.slug)).toEqual(expect.arrayContaining(['paris', 'new-york', 'sao-paulo', 'oslo', 'singapore', 'sydney']));
  });

  it('is frozen', () => {
    expect(Object.isFrozen(CITIES)).toBe(true);
    expect(Object.isFrozen(CITIES[0])).toBe(true);
  });
});

describe('findCity', () => {
  it('matches slug or name, ignoring case, accents, surrounding space and separators', () => {
    expect(findCity('paris')?.name).toBe('Paris');
    expect(findCity('  PARIS ')?.slug).toBe('paris');
    for (const input of ['new-york', 'New York', 'new york', 'NEW_YORK', ' new   york ']) expect(findCity(input)?.slug).toBe('new-york');
    for (const input of ['São Paulo', 'Sao Paulo', 'sao-paulo', 'SÃO PAULO']) expect(findCity(input)?.slug).toBe('sao-paulo');
    expect(findCity('Zurich')?.name).toBe('Zürich');
    expect(findCity('reykjavík')?.slug).toBe('reykjavik');
  });

  it('returns null for unknown, empty or absurd input', () => {
    for (const input of ['', '   ', 'atlantis', 'pari', 'paris-france', 'x'.repeat(10_000)]) expect(findCity(input)).toBeNull();
  });
});

describe('suggestCity', () => {
  it('suggests the closest slug for typos', () => {
    expect(suggestCity('pari')).toBe('paris');
    expect(suggestCity('parsi')).toBe('paris'); // transposition counts as one edit
    expect(suggestCity('Londn')).toBe('london');
    expect(suggestCity('tokio')).toBe('tokyo');
    expect(suggestCity('Sidney')).toBe('sydney');
    expect(suggestCity('newyork')).toBe('new-york');
    expect(suggestCity('Sao Paolo')).toBe('sao-paulo');
  });

  it('returns null when nothing is plausibly close', () => {
    for (const input of ['', 'xyz', 'atlantis', 'qqqqqqqq', 'x'.repeat(10_000)]) expect(suggestCity(input)).toBeNull();
  });

  it('computes edit distance with transpositions', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('forecast7Days', () => {
  const paris = city('paris');

  it('returns 7 consecutive dates starting at startDate, across month and year ends', () => {
    const days = forecast7Days(paris, '2025-12-28');
    expect(days).toHaveLength(FORECAST_DAYS);
    expect(days.map((d) => d.date)).toEqual([
      '2025-12-28', '2025-12-29', '2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02', '2026-01-03',
    ]);
    expect(forecast7Days(paris, '2024-02-27').map((d) => d.date)).toContain('2024-02-29');
  });

  it('is deterministic, and a given day is the same whichever window contains it', () => {
    expect(forecast7Days(paris, '2026-03-10')).toEqual(forecast7Days(paris, '2026-03-10'));
    const windowA = forecast7Days(paris, '2026-03-10');
    const windowB = forecast7Days(paris, '2026-03-13');
    expect(windowB.slice(0, 4)).toEqual(windowA.slice(3));
    expect(forecastDay(paris, '2026-03-12')).toEqual(windowA[2]);
  });

  it('differs between cities and between dates', () => {
    expect(forecast7Days(paris, '2026-03-10')).not.toEqual(forecast7Days(city('london'), '2026-03-10'));
    expect(forecastDay(paris, '2026-03-10')).not.toEqual({ ...forecastDay(paris, '2026-03-11'), date: '2026-03-10' });
  });

  it('rejects malformed or impossible dates', () => {
    for (const bad of ['2026-1-05', '2026/01/05', '2026-02-30', '2025-02-29', '2026-13-01', 'today', '', '2026-01-05T00:00:00Z']) {
      expect(() => forecast7Days(paris, bad)).toThrow(RangeError);
    }
    expect(parseIsoDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
  });

  it('produces well-formed values for every city all year round', () => {
    const conditions = new Set(['sunny', 'partly-cloudy', 'cloudy', 'rain', 'snow', 'storm']);
    const problems: string[] = [];
    for (const c of CITIES) {
      for (const day of wholeYear(c, 2026)) {
        const wet = day.condition === 'rain' || day.condition === 'snow' || day.condition === 'storm';
        const ok =
          conditions.has(day.condition) &&
          day.tempMinC <= day.tempMaxC &&
          day.tempMinC > -45 &&
          day.tempMaxC < 50 &&
          Number.isInteger(day.windKph) &&
          day.windKph >= 0 &&
          day.precipitationMm >= 0 &&
          day.precipitationMm > 0 === wet &&
          !Object.is(day.tempMinC, -0) &&
          !Object.is(day.tempMaxC, -0);
        // Collected rather than asserted one by one: ~19,000 days, and one readable failure list.
        if (!ok) problems.push(`${c.slug} ${JSON.stringify(day)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('snows only when the maximum is below 2 °C, and storms only on warm days', () => {
    let snowyDays = 0;
    for (const c of CITIES) {
      for (const day of wholeYear(c, 2026)) {
        if (day.condition === 'snow') {
          snowyDays += 1;
          expect(day.tempMaxC).toBeLessThan(SNOW_MAX_TEMP_C);
        }
        if (day.condition === 'rain') expect(day.tempMaxC).toBeGreaterThanOrEqual(SNOW_MAX_TEMP_C);
        if (day.condition === 'storm') expect(day.tempMaxC).toBeGreaterThanOrEqual(20);
      }
    }
    expect(snowyDays).toBeGreaterThan(0); // Oslo, Moscow... do get snow
    expect(wholeYear(city('singapore'), 2026).some((d) => d.condition === 'snow')).toBe(false);
  });

  it('is plausible by latitude and season (southern seasons flipped)', () => {
    const january = (slug: string) => meanMax(forecast7Days(city(slug), '2026-01-12'));
    const july = (slug: string) => meanMax(forecast7Days(city(slug), '2026-07-12'));
    expect(january('singapore')).toBeGreaterThan(january('oslo') + 15);
    expect(january('sydney')).toBeGreaterThan(july('sydney') + 5);
    expect(july('oslo')).toBeGreaterThan(january('oslo') + 10);
    expect(july('moscow')).toBeGreaterThan(january('moscow'));
    // The tropics barely have seasons.
    expect(Math.abs(january('singapore') - july('singapore'))).toBeLessThan(4);
  });

  it('makes deserts dry and the equator wet over a year', () => {
    const wetShare = (slug: string) => wholeYear(city(slug), 2026).filter((d) => d.precipitationMm > 0).length / 365;
    expect(wetShare('dubai')).toBeLessThan(0.1);
    expect(wetShare('cairo')).toBeLessThan(0.1);
    expect(wetShare('singapore')).toBeGreaterThan(0.3);
    expect(wetShare('london')).toBeGreaterThan(0.3);
  });

  it('cools with altitude: Bogotá is much cooler than Singapore near the equator', () => {
    const yearMax = (slug: string) => meanMax(wholeYear(city(slug), 2026));
    expect(yearMax('singapore') - yearMax('bogota')).toBeGreaterThan(8);
  });
});

describe('todayIn', () => {
  it('gives the calendar date in the requested zone', () => {
    const instant = new Date('2026-03-01T23:30:00Z');
    expect(todayIn('UTC', instant)).toBe('2026-03-01');
    expect(todayIn('Asia/Tokyo', instant)).toBe('2026-03-02');
    expect(todayIn('America/Los_Angeles', instant)).toBe('2026-03-01');
    expect(() => parseIsoDate(todayIn('Australia/Sydney'))).not.toThrow();
  });
});
