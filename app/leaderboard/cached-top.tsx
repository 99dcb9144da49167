import { cacheLife, cacheTag } from 'next/cache';
import { CachedSection } from '@/components/next-cache/cached-section';
import { instanceName } from '@/lib/next-cache';
import { topPlayers } from '@/lib/scenarios/leaderboard/store';

/** Stale after 10 min, gone after a day (seconds). */
const LIFE = { stale: 60, revalidate: 600, expire: 86_400 };
const TOP = 10;

/** The top 10 as Next's `'use cache'` keeps it (on Redis), tagged `leaderboard`: the SQL aggregate runs on a miss only. */
async function cachedTop() {
  'use cache';
  cacheLife(LIFE);
  cacheTag('leaderboard');
  const { entries } = await topPlayers();
  return { renderedAt: Date.now(), instance: instanceName(), entries: entries.slice(0, TOP) };
}

export async function CachedTop() {
  const { entries, ...render } = await cachedTop();
  return (
    <CachedSection title="Top 10, as a cached page section" render={render} tags={['leaderboard']} life={LIFE} servedBy={instanceName()}>
      <ol className="grid gap-1 text-sm sm:grid-cols-2" data-testid="cached-top">
        {entries.map((entry) => (
          <li key={entry.playerId} className="flex justify-between gap-3 rounded-lg bg-slate-50 px-3 py-1.5">
            <span>
              <span className="font-mono text-slate-600">{entry.rank}.</span> {entry.name}
            </span>
            <span className="font-mono text-slate-900">{entry.score.toLocaleString('en-US')} points</span>
          </li>
        ))}
      </ol>
    </CachedSection>
  );
}
