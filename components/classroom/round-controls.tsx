'use client';

import { useState } from 'react';
import type { RoundKind } from '@/lib/features/classroom/types';
import { apiData, errorText } from '../api/client';

const ROUNDS: Array<{ kind: RoundKind; label: string }> = [
  { kind: 'ask', label: 'Everyone ask for it' },
  { kind: 'ttl', label: 'Wait for the TTL' },
  { kind: 'invalidate', label: 'Invalidate it, then predict' },
  { kind: 'free', label: 'Free play' },
];

/** The teacher's guided rounds (admin actions: the token is asked for when the server sets ADMIN_TOKEN). */
export function RoundControls({ code, onStarted }: { code: string; onStarted: () => void }) {
  const [name, setName] = useState('maxim');
  const [note, setNote] = useState<string | null>(null);
  const start = async (kind: RoundKind) => {
    setNote(null);
    try {
      const json = kind === 'free' ? { kind } : { kind, name };
      const { invalidated } = await apiData<{ invalidated: boolean | null }>(`/api/classroom/rooms/${code}/rounds`, { method: 'POST', json });
      if (invalidated === false) setNote(`“${name}” was not cached: there was nothing to invalidate.`);
      onStarted();
    } catch (error) {
      setNote(errorText(error));
    }
  };

  return (
    <section aria-label="Teacher controls" className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="text-lg font-bold text-slate-900">Next round</h2>
      <div className="mt-2 flex flex-col gap-3">
        <label className="text-sm font-semibold text-slate-800" htmlFor="round-name">
          Name the round is about
        </label>
        <input
          id="round-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={64}
          autoComplete="off"
          className="rounded-lg border border-slate-300 px-3 py-2 font-mono text-slate-900 outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200"
        />
        <div className="grid grid-cols-2 gap-2">
          {ROUNDS.map((round) => (
            <button
              key={round.kind}
              type="button"
              onClick={() => void start(round.kind)}
              disabled={round.kind !== 'free' && name.trim() === ''}
              className="rounded-lg bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:bg-slate-400"
            >
              {round.label}
            </button>
          ))}
        </div>
      </div>
      {note && (
        <p role="status" className="mt-2 text-sm text-slate-700">
          {note}
        </p>
      )}
    </section>
  );
}
