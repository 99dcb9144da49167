'use client';

import { useState, type FormEvent } from 'react';
import type { ScenarioResponse } from '@/lib/contracts/scenario';
import { outcomeOf, ROOM_HEADERS, type JoinedStudent, type Outcome, type Round } from '@/lib/features/classroom/types';
import { formatLatency } from '@/lib/shared/format';
import { CacheBadge } from '../scenario/cache-badge';
import { FIELD_CLASS, PrimaryButton } from '../scenario/form-card';
import { ErrorNotice } from '../scenario/error-notice';
import { apiBody } from '../api/client';
import { useSend } from './use-send';

type Answer = { name: string; prediction: Outcome; predictedMs: number | null; response: ScenarioResponse<{ username_extended: string }> };

/**
 * Predict first: HIT or MISS (and, if you like, the latency), then the request, which carries the
 * room so the projector shows it. The request is the real /api/username endpoint.
 */
export function PredictForm({ student, round, onSent }: { student: JoinedStudent; round: Round; onSent: () => void }) {
  const [name, setName] = useState(round.name ?? '');
  const [roundSeen, setRoundSeen] = useState(round.number);
  const [prediction, setPrediction] = useState<Outcome | null>(null);
  const [predictedMs, setPredictedMs] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const { busy, problem, send } = useSend();

  // A new round names its own key and wants a fresh prediction.
  if (round.number !== roundSeen) {
    setRoundSeen(round.number);
    setName(round.name ?? name);
    setPrediction(null);
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (prediction === null) return;
    const guess = predictedMs.trim() === '' ? null : Number(predictedMs);
    const headers: Record<string, string> = { [ROOM_HEADERS.room]: student.code, [ROOM_HEADERS.student]: student.studentId, [ROOM_HEADERS.prediction]: prediction };
    if (guess !== null) headers[ROOM_HEADERS.predictedMs] = String(guess);
    const asked = name.trim();
    void send(
      () => apiBody<Answer['response']>(`/api/username/${encodeURIComponent(asked)}`, { headers }),
      (response) => setAnswer({ name: asked, prediction, predictedMs: guess, response }),
    ).then(() => {
      setPrediction(null);
      onSent();
    });
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-4 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
      <div>
        <label htmlFor="ask-name" className="block text-lg font-semibold text-slate-900">
          Name to ask for
        </label>
        <input id="ask-name" value={name} onChange={(event) => setName(event.target.value)} maxLength={64} autoComplete="off" className={`mt-2 w-full ${FIELD_CLASS} font-mono`} />
      </div>
      <fieldset>
        <legend className="text-lg font-semibold text-slate-900">1. Your prediction</legend>
        <div className="mt-2 grid grid-cols-2 gap-3">
          {(['hit', 'miss'] as const).map((choice) => (
            <label
              key={choice}
              className={`cursor-pointer rounded-xl border-2 py-4 text-center text-2xl font-black uppercase has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-400 ${
                prediction === choice ? (choice === 'hit' ? 'border-emerald-600 bg-emerald-50 text-emerald-800' : 'border-rose-600 bg-rose-50 text-rose-800') : 'border-slate-300 text-slate-800'
              }`}
            >
              <input type="radio" name="prediction" value={choice} checked={prediction === choice} onChange={() => setPrediction(choice)} className="sr-only" />
              {choice}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="predicted-ms" className="block text-sm font-semibold text-slate-800">
          Latency you expect, in ms (optional)
        </label>
        <input
          id="predicted-ms"
          type="number"
          inputMode="decimal"
          min={0}
          max={600000}
          step="any"
          value={predictedMs}
          onChange={(event) => setPredictedMs(event.target.value)}
          className={`mt-1 w-40 ${FIELD_CLASS}`}
        />
      </div>
      <PrimaryButton disabled={busy || prediction === null || name.trim() === ''}>{prediction === null ? 'Predict first' : '2. Send the request'}</PrimaryButton>
      {problem && <ErrorNotice message={problem} />}
      {answer && <AnswerCard answer={answer} />}
    </form>
  );
}

function AnswerCard({ answer }: { answer: Answer }) {
  const { status, latencyMs } = answer.response.cache;
  const right = outcomeOf(status) === answer.prediction;
  return (
    <div role="status" className={`rounded-xl p-4 ${right ? 'bg-emerald-50' : 'bg-rose-50'}`} data-testid="student-answer">
      <p className="flex flex-wrap items-center gap-2 text-lg text-slate-900">
        “{answer.name}”: <CacheBadge status={status} size="lg" /> in <strong className="tabular-nums">{formatLatency(latencyMs)}</strong>
      </p>
      <p className={`mt-1 font-semibold ${right ? 'text-emerald-800' : 'text-rose-800'}`}>
        You predicted {answer.prediction.toUpperCase()}: {right ? 'right!' : 'not this time.'}
        {answer.predictedMs !== null && ` You expected ${formatLatency(answer.predictedMs)}.`}
      </p>
    </div>
  );
}
