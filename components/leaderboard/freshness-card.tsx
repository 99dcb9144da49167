'use client';

import type { CacheStatus } from '@/lib/contracts/scenario';
import { formatClock, formatLatency, formatPoints } from '@/lib/shared/format';
import type { BoardChange } from '@/lib/scenarios/leaderboard/diff';
import type { TopPlayers } from '@/lib/scenarios/leaderboard/model';
import { useNow } from '../use-now';

export type LiveState =
  | { phase: 'idle' }
  | { phase: 'loading'; startedAt: number }
  | { phase: 'done'; top: TopPlayers; queryMs: number; checkedAt: string }
  | { phase: 'error'; message: string };

interface Props {
  /** The board on screen: how it was served and when the database computed it. */
  board: { status: CacheStatus; computedAt: string } | null;
  live: LiveState;
  /** Differences from the live database, once compared after the board was read. */
  changes: readonly BoardChange[] | null;
  onCompare: () => void;
}

const SHOWN = 5;

/** Is the cached top 50 still true? Fresh, in sync, stale (with what differs), or unknown until compared. */
export function FreshnessCard({ board, live, changes, onCompare }: Props) {
  const verdict = board ? judge(board, changes) : null;
  return (
    <section className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="freshness" data-state={verdict?.state ?? 'none'}>
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-600">Cached vs live database</h2>
      {verdict === null ? (
        <p className="mt-3 text-sm text-slate-600">Read the leaderboard first.</p>
      ) : (
        <div className={`mt-3 rounded-lg p-3 text-sm ${verdict.style}`}>
          <p className="font-semibold">{verdict.title}</p>
          <p className="mt-0.5">{verdict.text}</p>
        </div>
      )}
      {changes && changes.length > 0 && <ChangeList changes={changes} />}
      {board && (
        <div className="mt-4">
          <button
            type="button"
            onClick={onCompare}
            disabled={live.phase === 'loading'}
            className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60"
          >
            Compare with the live database
          </button>
          <LiveStatus live={live} />
        </div>
      )}
    </section>
  );
}

function judge(board: NonNullable<Props['board']>, changes: Props['changes']) {
  const computed = formatClock(board.computedAt);
  if (changes && changes.length > 0) {
    return {
      state: 'stale',
      style: 'bg-amber-50 text-amber-900 ring-1 ring-inset ring-amber-600/30',
      title: `Stale: ${changes.length} ${changes.length === 1 ? 'difference' : 'differences'} from the database`,
      text: `This top 50 was computed at ${computed}; games played since are not in it. It stays like this until midnight, or until someone invalidates the key.`,
    };
  }
  if (changes) {
    return { state: 'in-sync', style: 'bg-emerald-50 text-emerald-900', title: 'In sync', text: `The cached top 50 (computed at ${computed}) matches the database.` };
  }
  if (board.status === 'hit' || board.status === 'stale') {
    return {
      state: 'cached',
      style: 'bg-slate-50 text-slate-800',
      title: 'Served from Redis',
      text: `Computed at ${computed}. Any game played since is not in it — compare to find out.`,
    };
  }
  return { state: 'fresh', style: 'bg-emerald-50 text-emerald-900', title: 'Fresh', text: `Computed from the database by this request, at ${computed}.` };
}

function ChangeList({ changes }: { changes: readonly BoardChange[] }) {
  const notable = changes.filter((change) => change.kind !== 'changed' || change.cached.score !== change.live.score);
  const rankOnly = changes.length - notable.length;
  return (
    <ul className="mt-3 space-y-1.5 text-sm text-slate-800" data-testid="changes">
      {notable.slice(0, SHOWN).map((change) => (
        <li key={`${change.kind}-${'live' in change ? change.live.playerId : change.cached.playerId}`} className="flex gap-2">
          <span aria-hidden className="text-amber-600">●</span>
          <span>{describe(change)}</span>
        </li>
      ))}
      {notable.length > SHOWN && <li className="text-slate-600">…and {notable.length - SHOWN} more</li>}
      {rankOnly > 0 && (
        <li className="text-slate-600">
          {rankOnly} {rankOnly === 1 ? 'player' : 'players'} only changed rank
        </li>
      )}
    </ul>
  );
}

function describe(change: BoardChange): string {
  if (change.kind === 'entered') return `${change.live.name} is #${change.live.rank} live with ${formatPoints(change.live.score)}, missing from the cached board`;
  if (change.kind === 'left') return `${change.cached.name} (cached #${change.cached.rank}) is no longer in the live top 50`;
  return `${change.live.name}: cached #${change.cached.rank} · ${formatPoints(change.cached.score)}, live #${change.live.rank} · ${formatPoints(change.live.score)}`;
}

function LiveStatus({ live }: { live: LiveState }) {
  if (live.phase === 'loading') return <QueryRunning startedAt={live.startedAt} />;
  if (live.phase === 'error') return <p role="alert" className="mt-2 text-sm font-medium text-rose-800">{live.message}</p>;
  if (live.phase === 'done') {
    return (
      <p className="mt-2 text-sm text-slate-600">
        Checked at {formatClock(live.checkedAt)}; the query took {formatLatency(live.queryMs)}.
      </p>
    );
  }
  return <p className="mt-2 text-sm text-slate-600">Runs the full query, without the cache: expensive, so only on demand.</p>;
}

function QueryRunning({ startedAt }: { startedAt: number }) {
  const now = useNow(100);
  return (
    <p role="status" className="mt-2 flex items-center gap-2 text-sm text-indigo-900">
      <span className="size-2.5 animate-pulse rounded-full bg-indigo-500" aria-hidden />
      Running the top-50 query over every game… <span className="font-mono tabular-nums">{formatLatency(Math.max(0, now - startedAt))}</span>
    </p>
  );
}
