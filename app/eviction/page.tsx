import type { Metadata } from 'next';
import { PageIntro } from '@/components/page-intro';
import { EvictionLab } from '@/components/labs/eviction-lab';
import { env } from '@/lib/core/env';
import { connection } from 'next/server';

export const metadata: Metadata = { title: 'Eviction lab' };

export default async function EvictionPage() {
  // Settings are read at request time (cacheComponents would otherwise bake them in at build).
  await connection();
  const limits = {
    maxInputs: env.LAB_MAX_INPUTS,
    maxCapacity: env.LAB_MAX_CAPACITY,
    maxRequests: env.LAB_MAX_REQUESTS,
    maxRps: env.LAB_MAX_RPS,
    maxDurationSeconds: env.LAB_MAX_DURATION_SECONDS,
  };
  return (
    <>
      <PageIntro eyebrow="Eviction lab" title="When the cache is full, who goes?">
        <p>
          Give a real Redis room for <strong>C</strong> entries, send it more distinct inputs than that, and watch what each eviction policy keeps. Every
          request goes through Cache Lab&apos;s engine, against a lab Redis of its own, never the one the other pages cache in.
        </p>
        <p>
          Two lines of theory sit on the chart: the <strong>static optimum</strong> (keep the C most popular inputs for ever: Σ p<sub>i</sub> for i ≤ C) and{' '}
          <strong>Che&apos;s approximation</strong> for LRU (find T with Σ (1 − e<sup>−p<sub>i</sub>T</sup>) = C; the hit ratio is Σ p<sub>i</sub>(1 − e
          <sup>−p<sub>i</sub>T</sup>)). Redis does not keep an exact LRU list: it samples a few keys and evicts the oldest of them, so its LRU lands close to
          Che, not on it.
        </p>
      </PageIntro>
      <EvictionLab limits={limits} />
    </>
  );
}
