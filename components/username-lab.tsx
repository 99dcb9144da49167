'use client';

import { useState, type FormEvent } from 'react';
import { PendingPanel } from './scenario/pending-panel';
import { RequestHistory } from './scenario/request-history';
import { ResultPanel } from './scenario/result-panel';
import { invalidateEntry, useScenarioRequest } from './scenario/use-scenario-request';
import { useAdminAction } from './use-admin-action';

interface Props {
  delayMs: number;
  ttlMs: number;
}

type Value = { username_extended: string };

export function UsernameLab({ delayMs, ttlMs }: Props) {
  const [username, setUsername] = useState('');
  const [bypass, setBypass] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const { state, history, run } = useScenarioRequest<Value>();
  const admin = useAdminAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNote(null);
    admin.dismiss();
    const query = bypass ? '?cache=bypass' : '';
    void run(username.trim() || username, () => fetch(`/api/username/${encodeURIComponent(username)}${query}`));
  };

  const invalidate = () => {
    if (state.phase !== 'done') return;
    const url = `/api/username/${encodeURIComponent(state.label)}`;
    void admin.run(async () => setNote(await invalidateEntry(url)));
  };

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="space-y-6">
        <form onSubmit={submit} className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
          <label htmlFor="username" className="block text-sm font-semibold text-slate-800">
            Username
          </label>
          <div className="mt-2 flex flex-col gap-3 sm:flex-row">
            <input
              id="username"
              name="username"
              value={username}
              onChange={(event) => setUsername(event.target.value)}
              placeholder="e.g. ada_lovelace"
              autoComplete="off"
              maxLength={200}
              className="min-w-0 flex-1 rounded-lg border border-slate-300 px-3 py-2.5 text-lg text-slate-900 shadow-inner outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200"
            />
            <button
              type="submit"
              disabled={state.phase === 'loading' || username.trim() === ''}
              className="rounded-lg bg-indigo-600 px-5 py-2.5 text-lg font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-slate-400"
            >
              Call expensive_function
            </button>
          </div>
          <label className="mt-3 flex items-start gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={bypass} onChange={(event) => setBypass(event.target.checked)} className="mt-0.5 size-4 shrink-0 accent-indigo-600" />
            <span>
              Skip the cache (<code className="font-mono">?cache=bypass</code>) to feel the full cost every time
            </span>
          </label>
        </form>

        {state.phase === 'loading' && <PendingPanel startedAt={state.startedAt} expectedMs={delayMs} what={`Looking up “${state.label}”…`} />}
        {state.phase === 'error' && (
          <p role="alert" className="rounded-2xl border border-rose-200 bg-rose-50 p-4 font-medium text-rose-800">
            {state.message}
          </p>
        )}
        {state.phase === 'done' && (
          <ResultPanel cache={state.response.cache} lifetimeMs={ttlMs} onInvalidate={invalidate} invalidateNote={note} invalidatePrompt={admin.prompt}>
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Returned value</p>
            <pre className="mt-1 overflow-x-auto rounded-lg bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900" data-testid="value">
              {JSON.stringify(state.response.data, null, 2)}
            </pre>
          </ResultPanel>
        )}
      </div>
      <RequestHistory entries={history} />
    </div>
  );
}
