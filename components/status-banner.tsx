'use client';

import { useState } from 'react';
import useSWR from 'swr';
import { fetchHealth } from './api/client';

/** Health checks in a row that must fail before the banner cries "down": one slow answer on a busy machine is not an outage. */
const DOWN_AFTER = 2;

/**
 * Says plainly when the cache is not the real thing: Redis down (requests still answer,
 * uncached), Redis answering but refusing cache commands (CROSSSLOT, OOM, READONLY, metrics not
 * written — what and what to do, from /api/health), or the embedded store. Silent when all is well.
 */
export function StatusBanner() {
  const [downStreak, setDownStreak] = useState(0);
  const { data, error } = useSWR('/api/health', fetchHealth, {
    refreshInterval: 3000,
    revalidateOnFocus: true,
    onSuccess: (health) => setDownStreak((streak) => (health.redis.connected ? 0 : streak + 1)),
  });
  if (error && !data) return <Banner tone="rose">The Cache Lab server is not answering. Is it still running?</Banner>;
  if (!data) return null;
  if (!data.redis.connected && downStreak >= DOWN_AFTER) {
    return (
      <Banner tone="rose">
        <strong>Redis is down</strong> — every request is computed without the cache (status BYPASS). Cache Lab reconnects by itself when
        Redis is back.
      </Banner>
    );
  }
  const [problem, ...more] = data.problems ?? [];
  if (data.redis.connected && problem) {
    return (
      <Banner tone="rose">
        <strong>The cache is not working</strong> — {problem.summary}. {problem.advice}
        {more.length > 0 ? ` (and ${more.length} more problem${more.length === 1 ? '' : 's'}: see /api/health)` : ''}
      </Banner>
    );
  }
  if (data.backend === 'embedded') {
    return (
      <Banner tone="amber">
        <strong>Embedded in-memory store</strong> — start Redis and set <code className="font-mono">REDIS_URL</code> for the real thing.
      </Banner>
    );
  }
  return null;
}

function Banner({ tone, children }: { tone: 'rose' | 'amber'; children: React.ReactNode }) {
  const colours = tone === 'rose' ? 'bg-rose-600 text-white' : 'bg-amber-300 text-amber-950';
  return (
    <div role="status" data-testid="status-banner" className={`${colours} px-4 py-2 text-center text-sm`}>
      {children}
    </div>
  );
}
