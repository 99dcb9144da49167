import type { Metadata } from 'next';
import { Dashboard } from '@/components/dashboard/dashboard';
import { PageIntro } from '@/components/page-intro';
import { env } from '@/lib/core/env';
import { SCENARIOS } from '@/lib/scenarios/registry';

export const metadata: Metadata = { title: 'Live dashboard' };
// CACHE_PREFIX is read at request time, so `npm start` honours the environment it is given.
export const dynamic = 'force-dynamic';

export default function DashboardPage() {
  const scenarios = SCENARIOS.map(({ id, title, namespace }) => ({ id, title, namespace }));
  return (
    <>
      <PageIntro eyebrow="Dashboard" title="The cache, live">
        <p>
          Every request through every scenario, as Redis records it: how many were served from the cache, how long hits and misses took, and
          what is stored right now with its time to live. Leave it open and send requests from another tab.
        </p>
      </PageIntro>
      <Dashboard scenarios={scenarios} cachePrefix={env.CACHE_PREFIX} filterAutoPages={env.KEYS_FILTER_AUTO_PAGES} traceUi={env.TRACE_UI_URL ?? null} />
    </>
  );
}
