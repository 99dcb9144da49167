'use client';

import { useState, type FormEvent } from 'react';
import { useAdminAction } from '../use-admin-action';
import { BypassToggle } from './bypass-toggle';
import { ErrorNotice } from './error-notice';
import { FIELD_CLASS, FormCard, PrimaryButton } from './form-card';
import { LabColumns } from './lab-columns';
import { PendingPanel } from './pending-panel';
import { RequestHistory } from './request-history';
import { ResultPanel } from './result-panel';
import { invalidateEntry, useScenarioRequest } from './use-scenario-request';

interface Props {
  /** The registry id: requests go to the generic `/api/scenarios/{id}?{field}=…`. */
  scenario: string;
  /** The one input field: its query parameter name, label and example. */
  field: { name: string; label: string; placeholder: string };
  action: string;
  delayMs: number;
  /** The lifetime an entry is written with, for the countdown bar. */
  lifetimeMs: number;
}

/** A scenario page for any scenario whose input is one text field: look up, see the verdict, invalidate. */
export function LookupLab({ scenario, field, action, delayMs, lifetimeMs }: Props) {
  const [text, setText] = useState('');
  const [bypass, setBypass] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const { state, history, run } = useScenarioRequest<unknown>();
  const admin = useAdminAction();
  const urlOf = (value: string, extra = '') => `/api/scenarios/${scenario}?${new URLSearchParams({ [field.name]: value })}${extra}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNote(null);
    admin.dismiss();
    void run(text.trim() || text, () => fetch(urlOf(text, bypass ? '&cache=bypass' : '')));
  };

  const invalidate = () => {
    if (state.phase !== 'done') return;
    void admin.run(async () => setNote(await invalidateEntry(urlOf(state.label))));
  };

  return (
    <LabColumns aside={<RequestHistory entries={history} />}>
      <FormCard onSubmit={submit} label={field.label} htmlFor={field.name}>
        <div className="mt-2 flex flex-col gap-3 sm:flex-row">
          <input
            id={field.name}
            name={field.name}
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder={field.placeholder}
            autoComplete="off"
            maxLength={200}
            className={`min-w-0 flex-1 ${FIELD_CLASS}`}
          />
          <PrimaryButton disabled={state.phase === 'loading' || text.trim() === ''}>{action}</PrimaryButton>
        </div>
        <BypassToggle checked={bypass} onChange={setBypass} />
      </FormCard>

      {state.phase === 'loading' && <PendingPanel startedAt={state.startedAt} expectedMs={delayMs} what={`Looking up “${state.label}”…`} />}
      {state.phase === 'error' && <ErrorNotice message={state.message} />}
      {state.phase === 'done' && (
        <ResultPanel cache={state.response.cache} lifetimeMs={lifetimeMs} onInvalidate={invalidate} invalidateNote={note} invalidatePrompt={admin.prompt}>
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Returned value</p>
          <pre className="mt-1 overflow-x-auto rounded-lg bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900" data-testid="value">
            {JSON.stringify(state.response.data, null, 2)}
          </pre>
        </ResultPanel>
      )}
    </LabColumns>
  );
}
