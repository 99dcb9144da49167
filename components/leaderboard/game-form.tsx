'use client';

import { useState, type FormEvent } from 'react';
import { formatPoints } from '@/lib/shared/format';
import type { PlayedGame } from '@/lib/scenarios/leaderboard/model';
import { apiData } from '../api/client';

interface Props {
  players: number;
  maxScore: number;
  /** Called after the database accepted the game. */
  onPlayed: (played: PlayedGame) => void;
  disabled?: boolean;
}

const input =
  'mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 text-base tabular-nums text-slate-900 shadow-inner outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200';

/** Record a game for a player, with or without invalidating the cached top 50 in the same breath. */
export function GameForm({ players, maxScore, onPlayed, disabled = false }: Props) {
  // Somewhere in the middle of the ID range: most likely not on the board yet.
  const [playerId, setPlayerId] = useState(String(Math.ceil(players / 2)));
  const [score, setScore] = useState(String(maxScore));
  const [invalidateOnWrite, setInvalidateOnWrite] = useState(false);
  const [sending, setSending] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setMessage(null);
    try {
      const played = await apiData<PlayedGame>('/api/leaderboard/games', {
        method: 'POST',
        json: { playerId: Number(playerId), score: Number(score), invalidateOnWrite },
      });
      const cache = played.invalidated ? 'the cached top 50 was invalidated with the write.' : 'the cached top 50 was left as it is.';
      setMessage({ tone: 'ok', text: `Game #${played.game.gameId}: ${played.player.name} scored ${formatPoints(played.game.score)}; ${cache}` });
      onPlayed(played);
    } catch (error) {
      setMessage({ tone: 'error', text: (error as Error).message });
    } finally {
      setSending(false);
    }
  };

  return (
    <form onSubmit={submit} className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-600">Play a game</h2>
      <p className="mt-1 text-sm text-slate-600">Writes one game result to the database, as a real game server would.</p>
      <div className="mt-3 grid grid-cols-2 gap-3">
        <label className="block text-sm font-medium text-slate-800">
          Player ID
          <input type="number" inputMode="numeric" min={1} max={players} required value={playerId} onChange={(event) => setPlayerId(event.target.value)} className={input} />
        </label>
        <label className="block text-sm font-medium text-slate-800">
          Score
          <input type="number" inputMode="numeric" min={0} max={maxScore} required value={score} onChange={(event) => setScore(event.target.value)} className={input} />
        </label>
      </div>
      <div className="mt-2 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
        <span>IDs 1–{players.toLocaleString('en-US')} · scores 0–{maxScore.toLocaleString('en-US')}</span>
        <button type="button" onClick={() => setPlayerId(String(1 + Math.floor(Math.random() * players)))} className="font-semibold text-indigo-700 hover:text-indigo-500">
          Random player
        </button>
      </div>
      <label className="mt-4 flex items-start gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={invalidateOnWrite} onChange={(event) => setInvalidateOnWrite(event.target.checked)} className="mt-0.5 size-4 shrink-0 accent-indigo-600" />
        <span>
          <strong className="font-semibold text-slate-900">Invalidate on write</strong> — readers see the game at once, but the next read pays
          the full query. Off: the board stays cached, and stale, until midnight.
        </span>
      </label>
      <button
        type="submit"
        disabled={disabled || sending}
        className="mt-4 w-full rounded-lg bg-indigo-600 px-4 py-2.5 font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-slate-400"
      >
        {sending ? 'Recording…' : 'Record the game'}
      </button>
      {message && (
        <p role={message.tone === 'error' ? 'alert' : 'status'} className={`mt-3 text-sm ${message.tone === 'error' ? 'font-medium text-rose-800' : 'text-slate-700'}`}>
          {message.text}
        </p>
      )}
    </form>
  );
}
