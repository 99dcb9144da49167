'use client';

import { formatCountdown } from '@/lib/shared/format';
import type { RoomRequest, Round } from '@/lib/features/classroom/types';
import { useNow } from '../use-now';

/** The instruction on the projector and, for a round about one name, how long its cached value still lives. */
export function RoundCard({ round, feed }: { round: Round; feed: RoomRequest[] }) {
  const now = useNow(1000);
  const latest = round.name === null ? undefined : feed.find((entry) => entry.key.endsWith(`:${round.name}`) && entry.at >= round.startedAt);
  const expiresAt = latest?.expiresAt ?? null;
  return (
    <section aria-label="Current round" className="rounded-2xl bg-slate-900 p-5 text-white shadow-sm">
      <p className="text-sm font-semibold tracking-wide text-amber-300 uppercase">Round {round.number}</p>
      <p className="mt-1 text-2xl font-bold presenter:text-3xl" data-testid="round-prompt">
        {round.prompt}
      </p>
      {round.name !== null && (
        <p className="mt-2 text-slate-200" data-testid="round-ttl">
          {expiresAt === null
            ? `Nobody in this round has asked for “${round.name}” yet.`
            : expiresAt > now
              ? `“${round.name}” is cached for another ${formatCountdown(expiresAt - now)} (its TTL).`
              : `“${round.name}” has passed its TTL: the next request should be a MISS.`}
        </p>
      )}
    </section>
  );
}
