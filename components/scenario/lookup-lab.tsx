'use client';

import { useState, type FormEvent } from 'react';
import type { ScenarioResponse } from '@/lib/contracts/scenario';
import { apiBody } from '../api/client';
import { BypassToggle } from './bypass-toggle';
import { useTtlChoice } from './ttl-choice';
import { ErrorNotice } from './error-notice';
import { FIELD_CLASS, FormCard, PrimaryButton } from './form-card';
import { LabColumns } from './lab-columns';
import { PendingPanel } from './pending-panel';
import { RequestHistory } from './request-history';
import { ResultPanel } from './result-panel';
import { invalidateEntry, useScenarioRequest } from './use-scenario-request';

/** A scenario's own input rules (e.g. USERNAME_RULES), shown and checked before anything is sent. */
export interface InputRules {
  maxLength: number;
  /** Source of a `u` RegExp the trimmed input must match. */
  pattern: string;
  /** What is allowed, in words: "letters of any alphabet, digits, …". */
  allowed: string;
}

interface Props {
  /** The registry id: requests go to the generic `/api/scenarios/{id}?{field}=…`. */
  scenario: string;
  /** The one input field: its query parameter name, label and example. */
  field: { name: string; label: string; placeholder: string };
  action: string;
  delayMs: number;
  /** The lifetime an entry is written with, for the countdown bar. */
  lifetimeMs: number;
  rules?: InputRules;
}

/** The rule broken, in words, or null; checked on the trimmed input as the server does. */
export function problemWith(text: string, rules: InputRules | undefined): string | null {
  const input = text.trim();
  if (!rules || input === '' || new RegExp(rules.pattern, 'u').test(input)) return null;
  return /\p{Extended_Pictographic}/u.test(input) ? `Emoji are not allowed: ${rules.allowed} only.` : `May contain only ${rules.allowed} (no spaces).`;
}

/** A scenario page for any scenario whose input is one text field: look up, see the verdict, invalidate. */
export function LookupLab({ scenario, field, action, delayMs, lifetimeMs, rules }: Props) {
  const [text, setText] = useState('');
  const [bypass, setBypass] = useState(false);
  const ttl = useTtlChoice(lifetimeMs % 3_600_000 === 0 ? `${lifetimeMs / 3_600_000} h` : `${Math.round(lifetimeMs / 1000)} s`);
  const [note, setNote] = useState<string | null>(null);
  const { state, history, run, markInvalidated } = useScenarioRequest<unknown>(scenario);
  const problem = problemWith(text, rules);
  const urlOf = (value: string, extra = '') => `/api/scenarios/${scenario}?${new URLSearchParams({ [field.name]: value })}${extra}`;
  const maxLength = rules?.maxLength ?? 200;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNote(null);
    void run(text.trim() || text, () => apiBody<ScenarioResponse<unknown>>(urlOf(text, ttl.query(bypass, '&'))));
  };

  const invalidate = () => {
    if (state.phase !== 'done') return;
    void invalidateEntry(urlOf(state.label)).then(({ gone, note }) => {
      setNote(note);
      if (gone) markInvalidated();
    });
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
            maxLength={maxLength}
            aria-describedby={rules ? `${field.name}-rules` : undefined}
            aria-invalid={problem !== null}
            className={`min-w-0 flex-1 ${FIELD_CLASS}`}
          />
          <PrimaryButton disabled={state.phase === 'loading' || text.trim() === '' || problem !== null}>{action}</PrimaryButton>
        </div>
        {rules && (
          <p id={`${field.name}-rules`} className="mt-2 text-base text-slate-700">
            Up to {rules.maxLength} characters: {rules.allowed} — no spaces or emoji. {[...text].length}/{rules.maxLength}
          </p>
        )}
        {problem && (
          <p role="alert" data-testid="input-problem" className="mt-1 text-base font-semibold text-rose-800">
            {problem}
          </p>
        )}
        <BypassToggle checked={bypass} onChange={setBypass} />
        {ttl.control}
      </FormCard>

      {state.phase === 'loading' && <PendingPanel startedAt={state.startedAt} expectedMs={delayMs} what={`Looking up “${state.label}”…`} />}
      {state.phase === 'error' && <ErrorNotice message={state.message} />}
      {state.phase === 'done' && (
        <ResultPanel cache={state.response.cache} lifetimeMs={lifetimeMs} waitedMs={state.waitedMs} onInvalidate={invalidate} invalidateNote={note} invalidated={state.invalidated}>
          <p className="text-sm font-medium tracking-wide text-slate-700 uppercase">Returned value</p>
          <pre tabIndex={0} aria-label="Returned value" className="mt-1 overflow-x-auto rounded-lg bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900" data-testid="value">
            {JSON.stringify(state.response.data, null, 2)}
          </pre>
        </ResultPanel>
      )}
    </LabColumns>
  );
}
