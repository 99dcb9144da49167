'use client';

import { useState, type FormEvent } from 'react';
import { BypassToggle } from './scenario/bypass-toggle';
import { ErrorNotice } from './scenario/error-notice';
import { FIELD_CLASS, FormCard, PrimaryButton } from './scenario/form-card';
import { LabColumns } from './scenario/lab-columns';
import { PendingPanel } from './scenario/pending-panel';
import { RequestHistory } from './scenario/request-history';
import { ResultPanel } from './scenario/result-panel';
import { invalidateEntry, useScenarioRequest } from './scenario/use-scenario-request';
import { apiBody } from './api/client';
import type { ScenarioResponse } from '@/lib/api-types';

interface Props {
  delayMs: number;
  ttlMs: number;
  /** The server's own rules (lib/scenarios/username.ts), shown and checked before sending. */
  rules: { maxLength: number; pattern: string };
}

/** The rule broken, in the server's words, or null; checked on the trimmed name as the server does. */
function problemWith(username: string, pattern: RegExp): string | null {
  const name = username.trim();
  if (name === '' || pattern.test(name)) return null;
  return /\p{Extended_Pictographic}/u.test(name) ? 'Emoji are not allowed: letters, digits, "_", "-" and "." only.' : 'May contain only letters, digits, "_", "-" and "." (no spaces).';
}

type Value = { username_extended: string };

export function UsernameLab({ delayMs, ttlMs, rules }: Props) {
  const [username, setUsername] = useState('');
  const [bypass, setBypass] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const problem = problemWith(username, new RegExp(rules.pattern, 'u'));
  const { state, history, run, markInvalidated } = useScenarioRequest<Value>('username');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNote(null);
    const query = bypass ? '?cache=bypass' : '';
    void run(username.trim() || username, () => apiBody<ScenarioResponse<Value>>(`/api/username/${encodeURIComponent(username)}${query}`));
  };

  const invalidate = () => {
    if (state.phase !== 'done') return;
    const url = `/api/username/${encodeURIComponent(state.label)}`;
    void invalidateEntry(url).then(({ gone, note }) => {
      setNote(note);
      if (gone) markInvalidated();
    });
  };

  return (
    <LabColumns aside={<RequestHistory entries={history} />}>
      <FormCard onSubmit={submit} label="Username" htmlFor="username">
        <div className="mt-2 flex flex-col gap-3 sm:flex-row">
          <input
            id="username"
            name="username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            placeholder="e.g. ada_lovelace"
            autoComplete="off"
            maxLength={rules.maxLength}
            aria-describedby="username-rules"
            aria-invalid={problem !== null}
            className={`min-w-0 flex-1 ${FIELD_CLASS}`}
          />
          <PrimaryButton disabled={state.phase === 'loading' || username.trim() === '' || problem !== null}>Call expensive_function</PrimaryButton>
        </div>
        <p id="username-rules" className="mt-2 text-base text-slate-700">
          Up to {rules.maxLength} characters: letters of any alphabet, digits, <code className="font-mono">_</code> <code className="font-mono">-</code>{' '}
          <code className="font-mono">.</code> — no spaces or emoji. {[...username].length}/{rules.maxLength}
        </p>
        {problem && (
          <p role="alert" data-testid="input-problem" className="mt-1 text-base font-semibold text-rose-800">
            {problem}
          </p>
        )}
        <BypassToggle checked={bypass} onChange={setBypass} />
      </FormCard>

      {state.phase === 'loading' && <PendingPanel startedAt={state.startedAt} expectedMs={delayMs} what={`Looking up “${state.label}”…`} />}
      {state.phase === 'error' && <ErrorNotice message={state.message} />}
      {state.phase === 'done' && (
        <ResultPanel cache={state.response.cache} lifetimeMs={ttlMs} waitedMs={state.waitedMs} onInvalidate={invalidate} invalidateNote={note} invalidated={state.invalidated}>
          <p className="text-sm font-medium uppercase tracking-wide text-slate-600">Returned value</p>
          <pre tabIndex={0} aria-label="Returned value" className="mt-1 overflow-x-auto rounded-lg bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900" data-testid="value">
            {JSON.stringify(state.response.data, null, 2)}
          </pre>
        </ResultPanel>
      )}
    </LabColumns>
  );
}
