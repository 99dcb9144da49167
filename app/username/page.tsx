import type { Metadata } from 'next';
import { PageIntro } from '@/components/page-intro';
import { LookupLab } from '@/components/scenario/lookup-lab';
import { env } from '@/lib/core/env';
import { USERNAME_RULES } from '@/lib/scenarios/username';
import { formatLatency } from '@/lib/shared/format';
import { connection } from 'next/server';

export const metadata: Metadata = { title: 'expensive_function(username)' };

export default async function UsernamePage() {
  // Settings are read at request time (cacheComponents would otherwise bake them in at build).
  await connection();
  const ttlMs = env.USERNAME_TTL_HOURS * 3_600_000;
  return (
    <>
      <PageIntro eyebrow="Scenario 1" title="expensive_function(username)">
        <p>
          A function that takes {formatLatency(env.USERNAME_DELAY_MS)} to turn a username into <code className="font-mono">username_123</code>. Its
          result is cached in Redis under <code className="font-mono">expensive_function:&lt;username&gt;</code> for {env.USERNAME_TTL_HOURS} h.
        </p>
        <p>
          Ask for a name twice: the first call is a <strong>miss</strong> and pays the full cost; the second is a <strong>hit</strong>, one Redis round
          trip. Names are trimmed and lower-cased, so “Ada” and “ ada ” share one entry.
        </p>
      </PageIntro>
      <LookupLab
        scenario="username"
        field={{ name: 'username', label: 'Username', placeholder: 'e.g. ada_lovelace' }}
        action="Call expensive_function"
        delayMs={env.USERNAME_DELAY_MS}
        lifetimeMs={ttlMs}
        rules={USERNAME_RULES}
      />
    </>
  );
}
