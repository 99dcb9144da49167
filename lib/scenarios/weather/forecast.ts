import 'server-only';
import { mulberry32 } from '../../core/random';
import type { City, Climate } from './cities';

/**
 * A fake but believable 7-day forecast. Every value is a pure function of (city slug, date):
 * the same day always gets the same weather, whichever request or window asks for it, so
 * cached and freshly "computed" answers are directly comparable. No network, no clock.
 *
 * The model is deliberately simple climatology + deterministic noise:
 * - annual mean temperature falls with latitude, and with altitude;
 * - the seasonal swing grows with latitude and is flipped in the southern hemisphere;
 * - rain is frequent in the tropics, rare in the subtropical desert belt, common at mid-latitudes;
 * - snow only when the day's maximum is below 2 °C; storms only on warm days.
 */

export type WeatherCondition = 'sunny' | 'partly-cloudy' | 'cloudy' | 'rain' | 'snow' | 'storm';

export interface DailyForecast {
  /** YYYY-MM-DD (the city's local calendar day). */
  date: string;
  tempMinC: number;
  tempMaxC: number;
  precipitationMm: number;
  condition: WeatherCondition;
  windKph: number;
}

export const FORECAST_DAYS = 7;
/** Below this daily maximum, precipitation falls as snow (and only below it). */
export const SNOW_MAX_TEMP_C = 2;

const DAY_MS = 24 * 3600 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface ClimateTraits {
  /** Multiplies the seasonal swing: the ocean damps it, continents exaggerate it. */
  seasonalSwing: number;
  /** Shifts the annual mean, °C. */
  meanShiftC: number;
  /** Multiplies the chance of a wet day. */
  wetness: number;
  /** Extra day/night spread, °C (dry air cools fast at night). */
  extraDiurnalC: number;
  /** Multiplies the typical wind. */
  windiness: number;
  /** Multiplies the rain amount on wet days. */
  rainIntensity: number;
}

const CLIMATES: Record<Climate, ClimateTraits> = {
  temperate: { seasonalSwing: 1, meanShiftC: 0, wetness: 1, extraDiurnalC: 0, windiness: 1, rainIntensity: 1 },
  maritime: { seasonalSwing: 0.55, meanShiftC: 2, wetness: 1.25, extraDiurnalC: -2, windiness: 1.3, rainIntensity: 1 },
  continental: { seasonalSwing: 1.3, meanShiftC: -1, wetness: 0.9, extraDiurnalC: 1, windiness: 1, rainIntensity: 1 },
  arid: { seasonalSwing: 0.9, meanShiftC: 1, wetness: 0.3, extraDiurnalC: 4, windiness: 1.1, rainIntensity: 0.8 },
  humid: { seasonalSwing: 0.9, meanShiftC: 0, wetness: 1.8, extraDiurnalC: -1, windiness: 1, rainIntensity: 1.6 },
};

/** Forecast for `startDate` and the 6 following days. Throws RangeError on a malformed date. */
export function forecast7Days(city: City, startDate: string): DailyForecast[] {
  const start = parseIsoDate(startDate);
  return Array.from({ length: FORECAST_DAYS }, (_, offset) => forecastDay(city, formatIsoDate(start + offset * DAY_MS)));
}

/** One day's forecast; identical to the matching entry of any 7-day window that contains it. */
export function forecastDay(city: City, date: string): DailyForecast {
  const dayMs = parseIsoDate(date);
  const climate = CLIMATES[city.climate];
  const season = seasonFactor(city.lat, dayMs);
  const meanC = climateMeanC(city, climate, season) + temperatureAnomalyC(city, dayMs);

  const random = dayRandom(city.slug, date, 'sky');
  const wetChance = wetDayChance(city.lat, season, climate);
  const wet = random() < wetChance;
  const sky = wet ? null : dryDaySky(random(), wetChance);

  const spreadC = diurnalSpreadC(sky, climate) + (random() - 0.5) * 2;
  const tempMaxC = round1(meanC + spreadC / 2);
  const tempMinC = round1(meanC - spreadC / 2);

  let condition: WeatherCondition = sky ?? 'rain';
  let precipitationMm = 0;
  if (wet) {
    const stormy = tempMaxC >= 22 && random() < 0.3;
    condition = tempMaxC < SNOW_MAX_TEMP_C ? 'snow' : stormy ? 'storm' : 'rain';
    precipitationMm = precipitationAmountMm(city.lat, climate, condition, random());
  }
  const windKph = windSpeedKph(city.lat, climate, condition, random());
  return { date, tempMinC, tempMaxC, precipitationMm, condition, windKph };
}

/** Validates a calendar date (rejects 2025-02-30) and returns its UTC midnight in ms. */
export function parseIsoDate(date: string): number {
  const match = ISO_DATE.exec(date);
  if (match === null) throw new RangeError(`date must be YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  if (formatIsoDate(ms) !== date) throw new RangeError(`not a real calendar date: ${date}`);
  return ms;
}

function formatIsoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Today's date (YYYY-MM-DD) as seen in `timeZone`, e.g. the city's own, for choosing `startDate`. */
export function todayIn(timeZone: string, at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

// ---------------------------------------------------------------------------------------------
// Climatology
// ---------------------------------------------------------------------------------------------

/**
 * -1 in local mid-winter, +1 in local mid-summer. Peaks lag the solstices by ~4 weeks (oceans
 * and land store heat), hence mid-January/mid-July; the sign flips south of the equator.
 */
function seasonFactor(lat: number, dayMs: number): number {
  const year = new Date(dayMs).getUTCFullYear();
  const dayOfYear = (dayMs - Date.UTC(year, 0, 1)) / DAY_MS;
  const northern = -Math.cos((2 * Math.PI * (dayOfYear - 15)) / 365.25);
  return lat >= 0 ? northern : -northern;
}

/**
 * Sea-level annual mean: ~27 °C across the tropics (to 15°), then −0.45 °C per degree of
 * latitude: ~18.5 at Sydney, ~12 at Paris, ~7 at Oslo. Altitude costs 4.5 °C per km, less than
 * the free-air 6.5 because high cities sit on sun-warmed plateaus (checked on Bogotá, Nairobi,
 * Mexico City). Seasonal half-swing grows from ~0 at the equator to ~11 °C at 60°.
 */
function climateMeanC(city: City, climate: ClimateTraits, season: number): number {
  const absLat = Math.abs(city.lat);
  const seaLevelMean = 27 - 0.45 * Math.max(0, absLat - 15);
  const annualMean = seaLevelMean - 0.0045 * city.elevationM + climate.meanShiftC;
  const halfSwing = (0.3 + 0.18 * absLat) * climate.seasonalSwing;
  return annualMean + halfSwing * season;
}

/**
 * Day-to-day departure from climatology. Each day's noise is a weighted sum of that day's and the
 * two previous days' draws, so consecutive days are correlated (weather comes in spells) while
 * each date still depends only on (slug, date). Mid-latitudes are far more variable than the tropics.
 */
function temperatureAnomalyC(city: City, dayMs: number): number {
  const sigma = 1 + 0.07 * Math.abs(city.lat);
  const draw = (offsetDays: number) =>
    standardNormal(dayRandom(city.slug, formatIsoDate(dayMs - offsetDays * DAY_MS), 'temperature'));
  return sigma * (0.6 * draw(0) + 0.3 * draw(1) + 0.1 * draw(2));
}

/**
 * Chance of a wet day: ~50% in the equatorial belt, ~10% around 25° (desert belt), ~35% at
 * mid/high latitudes. The tropics get their rain in summer (monsoon), mid-latitudes slightly
 * more in winter.
 */
function wetDayChance(lat: number, season: number, climate: ClimateTraits): number {
  const absLat = Math.abs(lat);
  const tropical = 0.3 * Math.exp(-((absLat / 12) ** 2));
  const desertBelt = 0.08 * Math.exp(-(((absLat - 25) / 8) ** 2));
  const midLatitude = 0.18 * Math.min(1, Math.max(0, (absLat - 35) / 15));
  const base = 0.18 + tropical - desertBelt + midLatitude;
  const seasonal = 1 + 0.25 * season * (absLat < 30 ? 1 : -1);
  return clamp(base * seasonal * climate.wetness, 0.02, 0.8);
}

/** Dry days: the wetter the climate, the cloudier its dry days. */
function dryDaySky(u: number, wetChance: number): WeatherCondition {
  if (u < wetChance) return 'cloudy';
  if (u < wetChance + 0.35) return 'partly-cloudy';
  return 'sunny';
}

/** Clear skies let days heat and nights cool; clouds and rain flatten the curve. `null` = wet day. */
function diurnalSpreadC(sky: WeatherCondition | null, climate: ClimateTraits): number {
  const bySky = sky === 'sunny' ? 11 : sky === 'partly-cloudy' ? 9 : sky === 'cloudy' ? 6 : 5;
  return Math.max(2, bySky + climate.extraDiurnalC);
}

/** Exponentially distributed (many light days, few downpours); heavier in the tropics and in storms. */
function precipitationAmountMm(lat: number, climate: ClimateTraits, condition: WeatherCondition, u: number): number {
  const tropicalMean = 4 + 9 * Math.exp(-((lat / 15) ** 2));
  const mean = tropicalMean * climate.rainIntensity * (condition === 'storm' ? 2.5 : 1);
  return Math.max(0.2, round1(-Math.log(1 - u) * mean));
}

/** Westerlies make mid-latitudes windier; wet days and storms add gusts. */
function windSpeedKph(lat: number, climate: ClimateTraits, condition: WeatherCondition, u: number): number {
  const base = (8 + 0.2 * Math.abs(lat)) * climate.windiness;
  const weather = condition === 'storm' ? 30 : condition === 'rain' || condition === 'snow' ? 6 : 0;
  return Math.round(base * (0.5 + u) + weather);
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------------------------

/** Independent stream per (slug, date, purpose), so adding a draw in one place never shifts another. */
function dayRandom(slug: string, date: string, purpose: string): () => number {
  return mulberry32(fnv1a(`${slug}|${date}|${purpose}`));
}

/** FNV-1a 32-bit string hash: tiny and good enough to seed a PRNG. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Box–Muller; `1 - u` keeps the log argument in (0, 1]. */
function standardNormal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round1(value: number): number {
  // + 0 turns -0 into 0 so JSON and equality checks never show "-0".
  return Math.round(value * 10) / 10 + 0;
}
