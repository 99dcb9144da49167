import 'server-only';
import { z } from 'zod';
import { env } from '../../core/env';
import { sentimentValue, type SentimentValue } from '../../contracts/sentiment';
import { HOUR_MS, simulateWork, type Scenario } from '../scenario';
import { analyseSentiment, COMMON_SENTENCES, normaliseSentence, validateSentence } from './model';

/**
 * The body of POST and DELETE /api/sentiment: a sentence that passes `validateSentence` (normalised,
 * 1–1000 characters, no control characters), refused with the model's own status (413 when too long).
 */
export const sentimentInput = z.strictObject({
  sentence: z.string({ error: 'must be text' }).transform((raw, context) => {
    const checked = validateSentence(raw);
    if (checked.ok) return checked.sentence;
    context.addIssue({ code: 'custom', message: checked.message, params: { status: checked.status, code: checked.code } });
    return z.NEVER;
  }),
});

export type SentimentInput = z.output<typeof sentimentInput>;


/**
 * A real VADER model behind a simulated inference delay. Keyed by the normalised sentence,
 * so "I love it" and "  i LOVE it " share one entry; a model's verdict on a sentence never
 * changes, so a long TTL only bounds memory.
 */
export const sentimentScenario: Scenario<SentimentInput, SentimentValue> = {
  id: 'sentiment',
  title: 'Sentiment model',
  page: { path: '/sentiment', label: 'Sentiment', blurb: 'A real VADER model behind simulated inference time, keyed by the normalised sentence, kept for two days.' },
  namespace: 'sentiment',
  input: sentimentInput,
  keyOf: ({ sentence }) => `sentiment:${sentence}`,
  expiryOf: () => ({ ttlMs: env.SENTIMENT_TTL_HOURS * HOUR_MS }),
  compute: async ({ sentence }) => {
    await simulateWork(env.SENTIMENT_DELAY_MS);
    return analyseSentiment(sentence);
  },
  value: sentimentValue,
  // The most requested sentences are the common ones, as in real traffic; the long tail is unique reviews.
  sampleInput: (rank) => ({ sentence: normaliseSentence(COMMON_SENTENCES[rank] ?? `review ${rank + 1}: it does what it says`) }),
};
