'use client';

import { useState, type FormEvent } from 'react';
import type { SentimentValue } from '@/lib/contracts/sentiment';
import { normaliseSentence } from '@/lib/scenarios/sentiment/normalise';
import { BypassToggle } from './scenario/bypass-toggle';
import { useTtlChoice } from './scenario/ttl-choice';
import { ErrorNotice } from './scenario/error-notice';
import { FIELD_CLASS, FormCard, PrimaryButton } from './scenario/form-card';
import { LabColumns } from './scenario/lab-columns';
import { PendingPanel } from './scenario/pending-panel';
import { RequestHistory } from './scenario/request-history';
import { ResultPanel } from './scenario/result-panel';
import { invalidateEntry, useScenarioRequest } from './scenario/use-scenario-request';
import { apiBody } from './api/client';
import type { ScenarioResponse } from '@/lib/contracts/scenario';
import { SentimentVerdict } from './sentiment/verdict';

interface Props {
  delayMs: number;
  ttlMs: number;
  maxLength: number;
  commonSentences: readonly string[];
}

export function SentimentLab({ delayMs, ttlMs, maxLength, commonSentences }: Props) {
  const [sentence, setSentence] = useState('');
  const [bypass, setBypass] = useState(false);
  const ttl = useTtlChoice(`${ttlMs / 3_600_000} h`);
  const [note, setNote] = useState<string | null>(null);
  const { state, history, run, markInvalidated } = useScenarioRequest<SentimentValue>('sentiment');
  const normalised = normaliseSentence(sentence);
  const length = [...normalised].length;

  const analyse = (text: string) => {
    setNote(null);
    const query = ttl.query(bypass);
    void run(text, () => apiBody<ScenarioResponse<SentimentValue>>(`/api/sentiment${query}`, { method: 'POST', json: { sentence: text } }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    analyse(sentence);
  };

  const pick = (text: string) => {
    setSentence(text);
    analyse(text);
  };

  const invalidate = () => {
    if (state.phase !== 'done') return;
    void invalidateEntry('/api/sentiment', { sentence: state.label }).then(({ gone, note }) => {
      setNote(note);
      if (gone) markInvalidated();
    });
  };

  const loading = state.phase === 'loading';
  return (
    <LabColumns aside={<RequestHistory entries={history} />}>
      <FormCard onSubmit={submit} label="Sentence" htmlFor="sentence">
        <textarea
          id="sentence"
          name="sentence"
          value={sentence}
          onChange={(event) => setSentence(event.target.value)}
          placeholder="e.g. The battery life is amazing!"
          rows={3}
          className={`mt-2 block w-full resize-y ${FIELD_CLASS}`}
        />
        <div className="mt-2 flex flex-wrap items-start justify-between gap-x-4 gap-y-1 text-sm">
          <p className="min-w-0 text-slate-600">
            Redis key{' '}
            <code data-testid="key-preview" className="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-900">
              sentiment:{normalised}
            </code>
          </p>
          <p className={`shrink-0 tabular-nums ${length > maxLength ? 'font-semibold text-rose-700' : 'text-slate-600'}`}>
            {length.toLocaleString('en-US')} / {maxLength.toLocaleString('en-US')} characters
          </p>
        </div>
        <PrimaryButton disabled={loading || normalised === ''} className="mt-4 w-full sm:w-auto">
          Analyse sentiment
        </PrimaryButton>
        <BypassToggle checked={bypass} onChange={setBypass} />
        {ttl.control}

        <div className="mt-5 border-t border-slate-100 pt-4">
          <p className="text-sm font-semibold text-slate-800">Common sentences</p>
          <p className="text-sm text-slate-600">In real traffic a few sentences make up half the requests. Click one twice.</p>
          <ul className="mt-3 flex flex-wrap gap-2">
            {commonSentences.map((common) => (
              <li key={common}>
                <button
                  type="button"
                  disabled={loading}
                  onClick={() => pick(common)}
                  className="rounded-full border border-indigo-200 bg-indigo-50 px-3 py-1.5 text-left text-sm text-indigo-900 hover:border-indigo-400 hover:bg-indigo-100 disabled:cursor-not-allowed disabled:opacity-60"
                >
                  {common}
                </button>
              </li>
            ))}
          </ul>
        </div>
      </FormCard>

      {loading && <PendingPanel startedAt={state.startedAt} expectedMs={delayMs} what="Running the model (simulated inference time)…" />}
      {state.phase === 'error' && <ErrorNotice message={state.message} />}
      {state.phase === 'done' && (
        <ResultPanel cache={state.response.cache} lifetimeMs={ttlMs} computeLabel="Inference (simulated)" waitedMs={state.waitedMs} onInvalidate={invalidate} invalidateNote={note} invalidated={state.invalidated}>
          <SentimentVerdict value={state.response.data} />
        </ResultPanel>
      )}
    </LabColumns>
  );
}
