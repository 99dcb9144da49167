import 'server-only';

/**
 * Broad climate type. Latitude alone gets the big picture right (tropics hot, poles cold,
 * seasons flipped south of the equator); this tag corrects the famous exceptions it would
 * get visibly wrong, e.g. mild Reykjavík winters (ocean), bone-dry Dubai, or monsoon-wet
 * Hong Kong sitting at a desert latitude.
 */
export type Climate = 'temperate' | 'maritime' | 'continental' | 'arid' | 'humid';

export interface City {
  /** Lower-case ASCII with hyphens; stable URL/cache-key segment. */
  slug: string;
  name: string;
  country: string;
  /** Degrees, north positive. */
  lat: number;
  /** Degrees, east positive. */
  lon: number;
  /** IANA zone, so callers can work out "today" where the city is. */
  timeZone: string;
  /** Metres above sea level; high cities (Bogotá, Mexico City) are much cooler than their latitude suggests. */
  elevationM: number;
  climate: Climate;
}

type CityRow = readonly [slug: string, name: string, country: string, lat: number, lon: number, timeZone: string, elevationM: number, climate?: Climate];

// Compact rows keep ~50 cities readable; coordinates are city centres.
const ROWS: readonly CityRow[] = [
  ['amsterdam', 'Amsterdam', 'Netherlands', 52.3676, 4.9041, 'Europe/Amsterdam', 0, 'maritime'],
  ['anchorage', 'Anchorage', 'United States', 61.2181, -149.9003, 'America/Anchorage', 31],
  ['athens', 'Athens', 'Greece', 37.9838, 23.7275, 'Europe/Athens', 70],
  ['auckland', 'Auckland', 'New Zealand', -36.8485, 174.7633, 'Pacific/Auckland', 26, 'maritime'],
  ['bangkok', 'Bangkok', 'Thailand', 13.7563, 100.5018, 'Asia/Bangkok', 2],
  ['beijing', 'Beijing', 'China', 39.9042, 116.4074, 'Asia/Shanghai', 44, 'continental'],
  ['berlin', 'Berlin', 'Germany', 52.52, 13.405, 'Europe/Berlin', 34],
  ['bogota', 'Bogotá', 'Colombia', 4.711, -74.0721, 'America/Bogota', 2640],
  ['buenos-aires', 'Buenos Aires', 'Argentina', -34.6037, -58.3816, 'America/Argentina/Buenos_Aires', 25, 'humid'],
  ['cairo', 'Cairo', 'Egypt', 30.0444, 31.2357, 'Africa/Cairo', 23, 'arid'],
  ['cape-town', 'Cape Town', 'South Africa', -33.9249, 18.4241, 'Africa/Johannesburg', 25, 'maritime'],
  ['casablanca', 'Casablanca', 'Morocco', 33.5731, -7.5898, 'Africa/Casablanca', 27, 'maritime'],
  ['chicago', 'Chicago', 'United States', 41.8781, -87.6298, 'America/Chicago', 181, 'continental'],
  ['delhi', 'Delhi', 'India', 28.7041, 77.1025, 'Asia/Kolkata', 216],
  ['dubai', 'Dubai', 'United Arab Emirates', 25.2048, 55.2708, 'Asia/Dubai', 5, 'arid'],
  ['dublin', 'Dublin', 'Ireland', 53.3498, -6.2603, 'Europe/Dublin', 20, 'maritime'],
  ['helsinki', 'Helsinki', 'Finland', 60.1699, 24.9384, 'Europe/Helsinki', 17],
  ['hong-kong', 'Hong Kong', 'China', 22.3193, 114.1694, 'Asia/Hong_Kong', 30, 'humid'],
  ['honolulu', 'Honolulu', 'United States', 21.3069, -157.8583, 'Pacific/Honolulu', 5, 'maritime'],
  ['istanbul', 'Istanbul', 'Türkiye', 41.0082, 28.9784, 'Europe/Istanbul', 39],
  ['jakarta', 'Jakarta', 'Indonesia', -6.2088, 106.8456, 'Asia/Jakarta', 8],
  ['johannesburg', 'Johannesburg', 'South Africa', -26.2041, 28.0473, 'Africa/Johannesburg', 1753],
  ['lagos', 'Lagos', 'Nigeria', 6.5244, 3.3792, 'Africa/Lagos', 41],
  ['lisbon', 'Lisbon', 'Portugal', 38.7223, -9.1393, 'Europe/Lisbon', 50, 'maritime'],
  ['london', 'London', 'United Kingdom', 51.5074, -0.1278, 'Europe/London', 11, 'maritime'],
  ['los-angeles', 'Los Angeles', 'United States', 34.0522, -118.2437, 'America/Los_Angeles', 71, 'arid'],
  ['madrid', 'Madrid', 'Spain', 40.4168, -3.7038, 'Europe/Madrid', 667],
  ['manila', 'Manila', 'Philippines', 14.5995, 120.9842, 'Asia/Manila', 7],
  ['melbourne', 'Melbourne', 'Australia', -37.8136, 144.9631, 'Australia/Melbourne', 31],
  ['mexico-city', 'Mexico City', 'Mexico', 19.4326, -99.1332, 'America/Mexico_City', 2240],
  ['montreal', 'Montréal', 'Canada', 45.5017, -73.5673, 'America/Toronto', 36, 'continental'],
  ['moscow', 'Moscow', 'Russia', 55.7558, 37.6173, 'Europe/Moscow', 156, 'continental'],
  ['mumbai', 'Mumbai', 'India', 19.076, 72.8777, 'Asia/Kolkata', 14, 'humid'],
  ['nairobi', 'Nairobi', 'Kenya', -1.2921, 36.8219, 'Africa/Nairobi', 1795],
  ['new-york', 'New York', 'United States', 40.7128, -74.006, 'America/New_York', 10],
  ['oslo', 'Oslo', 'Norway', 59.9139, 10.7522, 'Europe/Oslo', 23],
  ['paris', 'Paris', 'France', 48.8566, 2.3522, 'Europe/Paris', 35],
  ['reykjavik', 'Reykjavík', 'Iceland', 64.1466, -21.9426, 'Atlantic/Reykjavik', 20, 'maritime'],
  ['rio-de-janeiro', 'Rio de Janeiro', 'Brazil', -22.9068, -43.1729, 'America/Sao_Paulo', 5, 'humid'],
  ['rome', 'Rome', 'Italy', 41.9028, 12.4964, 'Europe/Rome', 21],
  ['san-francisco', 'San Francisco', 'United States', 37.7749, -122.4194, 'America/Los_Angeles', 16, 'maritime'],
  ['santiago', 'Santiago', 'Chile', -33.4489, -70.6693, 'America/Santiago', 570],
  ['sao-paulo', 'São Paulo', 'Brazil', -23.5505, -46.6333, 'America/Sao_Paulo', 760, 'humid'],
  ['seoul', 'Seoul', 'South Korea', 37.5665, 126.978, 'Asia/Seoul', 38, 'continental'],
  ['shanghai', 'Shanghai', 'China', 31.2304, 121.4737, 'Asia/Shanghai', 4, 'humid'],
  ['singapore', 'Singapore', 'Singapore', 1.3521, 103.8198, 'Asia/Singapore', 15],
  ['stockholm', 'Stockholm', 'Sweden', 59.3293, 18.0686, 'Europe/Stockholm', 28],
  ['sydney', 'Sydney', 'Australia', -33.8688, 151.2093, 'Australia/Sydney', 58, 'humid'],
  ['tokyo', 'Tokyo', 'Japan', 35.6762, 139.6503, 'Asia/Tokyo', 40, 'humid'],
  ['toronto', 'Toronto', 'Canada', 43.6532, -79.3832, 'America/Toronto', 76, 'continental'],
  ['vancouver', 'Vancouver', 'Canada', 49.2827, -123.1207, 'America/Vancouver', 70, 'maritime'],
  ['vienna', 'Vienna', 'Austria', 48.2082, 16.3738, 'Europe/Vienna', 190],
  ['zurich', 'Zürich', 'Switzerland', 47.3769, 8.5417, 'Europe/Zurich', 408],
];

/** Sorted by slug; frozen so no caller can mutate shared data. */
export const CITIES: readonly City[] = Object.freeze(
  ROWS.map(([slug, name, country, lat, lon, timeZone, elevationM, climate = 'temperate']) =>
    Object.freeze({ slug, name, country, lat, lon, timeZone, elevationM, climate }),
  ),
);

/** Longer inputs cannot be a city name; bounding them also bounds the edit-distance work. */
const MAX_INPUT_LENGTH = 64;

/**
 * Folds user input to slug shape: accents removed (NFKD + drop combining marks, so "Zurich"
 * finds "Zürich" and "São Paulo" becomes "sao-paulo"), lower-cased, and runs of spaces,
 * underscores, dots or hyphens turned into a single hyphen ("New  York", "new_york").
 */
export function toCityKey(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_.-]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

const BY_KEY: ReadonlyMap<string, City> = new Map(
  CITIES.flatMap((city) => [
    [toCityKey(city.name), city],
    [city.slug, city],
  ]),
);

/** Case-, accent- and separator-insensitive lookup by slug or display name. */
export function findCity(input: string): City | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT_LENGTH) return null;
  return BY_KEY.get(toCityKey(input)) ?? null;
}

/**
 * Closest slug for a "did you mean …?" hint, or null when nothing is plausibly close
 * (suggesting "oslo" for "xyz" would be noise). Allows roughly one edit per three letters.
 * Ties go to the first city in slug order, so the answer is stable.
 */
export function suggestCity(input: string): string | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT_LENGTH) return null;
  const key = toCityKey(input);
  if (key.length === 0) return null;
  let best: { slug: string; distance: number } | null = null;
  for (const city of CITIES) {
    const distance = Math.min(editDistance(key, city.slug), editDistance(key, toCityKey(city.name)));
    const allowed = Math.max(1, Math.floor(city.slug.length / 3));
    if (distance <= allowed && (best === null || distance < best.distance)) best = { slug: city.slug, distance };
  }
  return best?.slug ?? null;
}

/**
 * Optimal-string-alignment distance: Levenshtein plus adjacent transpositions, so the
 * common typo "parsi" is one edit from "paris", not two. O(|a|·|b|) with inputs ≤ 64 chars.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i += 1) d[i * cols] = i;
  for (let j = 0; j < cols; j += 1) d[j] = j;
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, at(i - 2, j - 2) + 1);
      d[i * cols + j] = value;
    }
  }
  return at(a.length, b.length);
}
