import 'server-only';
import { z } from 'zod';
import { env } from '../core/env';
import { simulateWork, type Scenario } from './scenario';

/** Units of each currency per euro, the level the simulated publications move around. */
const PER_EURO = { EUR: 1, USD: 1.08, GBP: 0.85, JPY: 162, CHF: 0.95, SEK: 11.4, CAD: 1.47, AUD: 1.63 } as const;
type Currency = keyof typeof PER_EURO;
const CURRENCIES = Object.keys(PER_EURO) as [Currency, ...Currency[]];
const PAIRS = CURRENCIES.flatMap((base) => CURRENCIES.filter((quote) => quote !== base).map((quote) => `${base}-${quote}`));

/** `eur-usd`, ` EUR-USD ` and full-width `ＥＵＲ-ＵＳＤ` are one pair: NFKC, trimmed, upper-cased. */
export const ratesInput = z.strictObject({
  pair: z
    .string({ error: 'pair must be text' })
    .normalize('NFKC')
    .trim()
    .toUpperCase()
    .refine((pair) => PAIRS.includes(pair), { error: `must be two different currencies among ${CURRENCIES.join(', ')}, e.g. EUR-USD` }),
});
export type RatesInput = z.output<typeof ratesInput>;

export const ratesValue = z.object({ pair: z.string(), rate: z.number().positive(), publishedAt: z.iso.datetime(), nextPublicationAt: z.iso.datetime() });
export type RatesValue = z.output<typeof ratesValue>;

const publicationMs = () => env.RATES_PUBLISH_EVERY_MINUTES * 60_000;
/** Publications fall on multiples of the interval since the epoch (every hour on the hour by default). */
const publicationAt = (now: number) => Math.floor(now / publicationMs()) * publicationMs();

/**
 * A reference rate that changes only when a new one is published. Not a TTL: the entry ends
 * exactly at the next publication, so a rate cached a minute before it lives one minute, and
 * nobody is served the old rate once the new one is out.
 */
export const ratesScenario: Scenario<RatesInput, RatesValue> = {
  id: 'rates',
  title: 'Exchange rate',
  page: { path: '/rates', label: 'Rates', blurb: 'A reference rate published on a schedule, cached until the next publication: an expiry set by the data, not a TTL.' },
  namespace: 'rates',
  input: ratesInput,
  keyOf: ({ pair }) => `rates:${pair}`,
  expiryOf: (_input, now) => ({ expireAt: publicationAt(now) + publicationMs() }),
  compute: async ({ pair }) => {
    await simulateWork(env.RATES_DELAY_MS);
    const published = publicationAt(Date.now());
    return {
      pair,
      rate: rateOf(pair, published),
      publishedAt: new Date(published).toISOString(),
      nextPublicationAt: new Date(published + publicationMs()).toISOString(),
    };
  },
  value: ratesValue,
  sampleInput: (rank) => ({ pair: PAIRS[rank % PAIRS.length] ?? 'EUR-USD' }),
  sampleSize: PAIRS.length,
};

/** Deterministic: the same pair and publication always give the same rate (within ±1 % of its level). */
function rateOf(pair: string, published: number): number {
  const [base, quote] = pair.split('-') as [Currency, Currency];
  let hash = published / publicationMs();
  for (const character of pair) hash = (hash * 31 + character.charCodeAt(0)) % 1_000_003;
  const wobble = 1 + ((hash % 2001) - 1000) / 100_000;
  return Number(((PER_EURO[quote] / PER_EURO[base]) * wobble).toPrecision(6));
}
