'use client';

import { useMemo, useState } from 'react';
import { DAY_MS } from '@/lib/shared/midnight';
import { diffBoards } from '@/lib/scenarios/leaderboard/diff';
import type { TopPlayers } from '@/lib/scenarios/leaderboard/model';
import { BoardTable } from './leaderboard/board-table';
import { FreshnessCard, type LiveState } from './leaderboard/freshness-card';
import { GameForm } from './leaderboard/game-form';
import { BypassToggle } from './scenario/bypass-toggle';
import { useTtlChoice } from './scenario/ttl-choice';
import { ErrorNotice } from './scenario/error-notice';
import { PrimaryButton } from './scenario/form-card';
import { LabColumns } from './scenario/lab-columns';
import { MidnightRefresh } from './scenario/midnight-refresh';
import { PendingPanel } from './scenario/pending-panel';
import { RequestHistory } from './scenario/request-history';
import { ResultPanel } from './scenario/result-panel';
import { invalidateEntry, useScenarioRequest } from './scenario/use-scenario-request';
import { apiBody, apiData } from './api/client';
import type { ScenarioResponse } from '@/lib/contracts/scenario';

interface Props {
  players: number;
  maxScore: number;
  timeZone: string;
}

export function LeaderboardLab({ players, maxScore, timeZone }: Props) {
  const [bypass, setBypass] = useState(false);
  const ttl = useTtlChoice('until midnight');
  const [note, setNote] = useState<string | null>(null);
  const [live, setLive] = useState<LiveState>({ phase: 'idle' });
  const { state, history, run } = useScenarioRequest<TopPlayers>('leaderboard');
  const board = state.phase === 'done' ? state.response : null;

  // A comparison only counts against the board read before it (reading again resets it).
  const changes = useMemo(() => (board && live.phase === 'done' ? diffBoards(board.data.entries, live.top.entries) : null), [board, live]);
  const changedPlayers = useMemo(() => (changes ? new Map(changes.map((change) => [('cached' in change ? change.cached : change.live).playerId, change])) : null), [changes]);

  const read = () => {
    setNote(null);
    setLive({ phase: 'idle' });
    const query = ttl.query(bypass);
    return run(bypass ? 'top 50 (bypass)' : 'top 50', () => apiBody<ScenarioResponse<TopPlayers>>(`/api/leaderboard${query}`));
  };

  const compare = async () => {
    setLive({ phase: 'loading', startedAt: Date.now() });
    try {
      const { queryMs, ...top } = await apiData<TopPlayers & { queryMs: number }>('/api/leaderboard/live');
      setLive({ phase: 'done', queryMs, checkedAt: new Date().toISOString(), top });
    } catch (error) {
      setLive({ phase: 'error', message: (error as Error).message });
    }
  };

  /** After a game: read through the cache again (still the old board unless invalidated), then ask the database. */
  const afterGame = async () => {
    await read();
    await compare();
  };

  // Re-reads at once, so the card shows the fresh MISS instead of a stale HIT.
  const invalidate = async () => {
    const { gone, note } = await invalidateEntry('/api/leaderboard');
    if (gone) await read();
    setNote(note);
  };

  const loading = state.phase === 'loading';
  return (
    <LabColumns
      aside={
        <>
          <GameForm players={players} maxScore={maxScore} onPlayed={() => void afterGame()} disabled={loading} />
          <FreshnessCard board={board ? { status: board.cache.status, computedAt: board.data.computedAt } : null} live={live} changes={changes} onCompare={() => void compare()} />
          <RequestHistory entries={history} />
        </>
      }
    >
      <div className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <p className="text-sm text-slate-600">
          <code className="font-mono text-slate-900">GET /api/leaderboard</code> answers from Redis, or runs the query on a miss.
        </p>
        <PrimaryButton onClick={() => void read()} disabled={loading} className="mt-3 w-full sm:w-auto">
          Read the top 50
        </PrimaryButton>
        <BypassToggle checked={bypass} onChange={setBypass} />
        {ttl.control}
      </div>

      {loading && <PendingPanel startedAt={state.startedAt} what="Reading the top 50…" />}
      {state.phase === 'error' && <ErrorNotice message={state.message} />}
      {board && (
        <ResultPanel cache={board.cache} computeLabel="Database query" lifetimeMs={DAY_MS} onInvalidate={() => void invalidate()} waitedMs={state.phase === 'done' ? state.waitedMs : undefined} invalidateNote={note}>
          {board.cache.expiresAt && <MidnightRefresh at={board.cache.expiresAt} timeZone={timeZone} />}
          <div className="mt-3">
            <BoardTable entries={board.data.entries} changes={changedPlayers} />
          </div>
        </ResultPanel>
      )}
    </LabColumns>
  );
}
