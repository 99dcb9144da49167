import type { Metadata } from 'next';
import { PageIntro } from '@/components/page-intro';
import { LookupLab } from '@/components/scenario/lookup-lab';
import { env } from '@/lib/core/env';
import { formatLatency } from '@/lib/shared/format';
import { connection } from 'next/server';

export const metadata: Metadata = { title: 'Exchange rate' };

export default async function RatesPage() {
  // Settings are read at request time (cacheComponents would otherwise bake them in at build).
  await connection();
  const every = env.RATES_PUBLISH_EVERY_MINUTES;
  return (
    <>
      <PageIntro eyebrow="Scenario 5" title="Exchange rate">
        <p>
          A reference rate, published every {every} min at fixed times of the UTC clock. Fetching it from the simulated upstream takes{' '}
          {formatLatency(env.RATES_DELAY_MS)}; it is cached under <code className="font-mono">rates:&lt;pair&gt;</code>.
        </p>
        <p>
          The entry expires <strong>at the next publication</strong>, not after a fixed TTL: a rate cached just before a publication lives only until
          it, so nobody is served the old rate once the new one is out. Try <code className="font-mono">EUR-USD</code> or{' '}
          <code className="font-mono">gbp-jpy</code>.
        </p>
      </PageIntro>
      <LookupLab
        scenario="rates"
        field={{ name: 'pair', label: 'Currency pair', placeholder: 'e.g. EUR-USD' }}
        action="Get the rate"
        delayMs={env.RATES_DELAY_MS}
        lifetimeMs={every * 60_000}
      />
    </>
  );
}
