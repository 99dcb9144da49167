import type { Metadata } from 'next';
import { PageIntro } from '@/components/page-intro';
import { SentimentLab } from '@/components/sentiment-lab';
import { env } from '@/lib/core/env';
import { formatLatency } from '@/lib/shared/format';
import { HOUR_MS } from '@/lib/scenarios/scenario';
import { COMMON_SENTENCES, MAX_SENTENCE_CODE_POINTS } from '@/lib/scenarios/sentiment/model';
import { connection } from 'next/server';

export const metadata: Metadata = { title: 'Sentiment model' };

export default async function SentimentPage() {
  // Settings are read at request time (cacheComponents would otherwise bake them in at build).
  await connection();
  return (
    <>
      <PageIntro eyebrow="Scenario 2" title="Sentiment model">
        <p>
          Each sentence is scored by VADER, a real lexicon-and-rules sentiment model, after {formatLatency(env.SENTIMENT_DELAY_MS)} of simulated
          inference time. The verdict is cached under <code className="font-mono">sentiment:&lt;normalised sentence&gt;</code> for{' '}
          {env.SENTIMENT_TTL_HOURS} h.
        </p>
        <p>
          A model always gives the same sentence the same verdict, so the entry can live long: the TTL only keeps memory bounded. Sentences are
          trimmed, their spaces collapsed and lower-cased, so “I love it” and “ i LOVE it ” share one entry.
        </p>
      </PageIntro>
      <SentimentLab
        delayMs={env.SENTIMENT_DELAY_MS}
        ttlMs={env.SENTIMENT_TTL_HOURS * HOUR_MS}
        maxLength={MAX_SENTENCE_CODE_POINTS}
        commonSentences={COMMON_SENTENCES}
      />
    </>
  );
}
