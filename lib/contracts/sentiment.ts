import { z } from 'zod';

/** The sentiment model's verdict on one sentence: what POST /api/sentiment answers in `data`, and what is cached. */
export const sentimentValue = z.object({
  label: z.enum(['positive', 'neutral', 'negative']),
  compound: z.number(),
  scores: z.object({ positive: z.number(), neutral: z.number(), negative: z.number() }),
});

export type SentimentValue = z.output<typeof sentimentValue>;
