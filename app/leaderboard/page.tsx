import type { Metadata } from 'next';
import { LeaderboardLab } from '@/components/leaderboard-lab';
import { PageIntro } from '@/components/page-intro';
import { env } from '@/lib/core/env';
import { MAX_RECORDED_SCORE } from '@/lib/scenarios/leaderboard/model';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { CachedTop } from './cached-top';

export const metadata: Metadata = { title: 'Leaderboard' };

export default async function LeaderboardPage() {
  // Settings are read at request time (cacheComponents would otherwise bake them in at build).
  await connection();
  return (
    <>
      <PageIntro eyebrow="Scenario 3" title="Daily leaderboard">
        <p>
          The top 50 players is a real SQL aggregate over {env.LEADERBOARD_ROWS.toLocaleString('en-US')} game results in SQLite. It is cached
          under <code className="font-mono">leaderboard:top50</code> until the next midnight ({env.CACHE_TZ}), an absolute expiry rather than a
          TTL.
        </p>
        <p>
          A daily board may lag until the day ends: everyone sees the same ranking, and the query runs about once a day. The price is staleness — play
          a game below and the cached board no longer matches the database until midnight, unless the write invalidates it.
        </p>
      </PageIntro>
      <LeaderboardLab players={env.LEADERBOARD_PLAYERS} maxScore={MAX_RECORDED_SCORE} timeZone={env.CACHE_TZ} />
      <Suspense fallback={<p className="mt-8 text-sm text-slate-600" role="status">Rendering the cached top 10: a miss runs the query…</p>}>
        <CachedTop />
      </Suspense>
    </>
  );
}
