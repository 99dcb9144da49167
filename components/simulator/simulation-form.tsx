'use client';

import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { CacheStrategy } from '@/lib/contracts/scenario';
import { formatCount } from '@/lib/shared/format';
import type { DistributionKind } from '@/lib/features/simulator/types';

export interface SimulatedScenario {
  id: string;
  title: string;
  sampleSize: number | null;
}

export interface SimulatorLimits {
  maxDurationSeconds: number;
  maxRequests: number;
  maxUsers: number;
  maxRps: number;
  maxInputs: number;
}

/** Everything as typed: numbers are parsed on submit, so half-typed values never fight the input. */
export interface FormValues {
  scenario: string;
  distribution: DistributionKind;
  inputs: string;
  s: string;
  users: string;
  rps: string;
  durationSeconds: string;
  strategy: CacheStrategy;
  compare: '' | 'bypass' | CacheStrategy;
  computeDelayMs: string;
  ttlSeconds: string;
}

const STRATEGY_LABELS: Record<CacheStrategy, string> = {
  'cache-aside': 'cache-aside (no protection)',
  lock: 'lock (stampede protection)',
  swr: 'stale-while-revalidate',
  near: 'near (in-process L1 before Redis)',
};

interface Preset {
  title: string;
  text: string;
  values: Partial<FormValues>;
}

const ZIPF_WARM_UP = {
  title: 'Zipf: watch the hit ratio climb',
  text: '1,000 inputs, s = 1, 100 requests/s for 30 s',
  values: { distribution: 'zipf', inputs: '1000', s: '1', users: '20', rps: '100', durationSeconds: '30', strategy: 'cache-aside', compare: '', computeDelayMs: '200' },
} satisfies Preset;

/** One click each: the three demonstrations a class came for. */
const PRESETS: Preset[] = [
  ZIPF_WARM_UP,
  {
    title: 'Hot-key burst: lock vs no protection',
    text: '200 users ask for one cold key at once, twice',
    values: { distribution: 'burst', users: '200', strategy: 'lock', compare: 'cache-aside', computeDelayMs: '1000' },
  },
  {
    title: 'With vs without the cache',
    text: 'the same Zipf traffic, cached then uncached',
    values: { distribution: 'zipf', inputs: '200', s: '1.1', users: '20', rps: '50', durationSeconds: '20', strategy: 'cache-aside', compare: 'bypass', computeDelayMs: '200' },
  },
];

export function initialValues(scenario: string): FormValues {
  return { scenario, ...ZIPF_WARM_UP.values, ttlSeconds: '' };
}

/** The body POST /api/simulations expects; blank optional fields are left out. */
export function requestBody(values: FormValues) {
  const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
  const burst = values.distribution === 'burst';
  return {
    scenario: values.scenario,
    distribution: values.distribution,
    inputs: burst ? undefined : number(values.inputs),
    s: values.distribution === 'zipf' ? number(values.s) : undefined,
    users: number(values.users),
    rps: burst ? undefined : number(values.rps),
    durationSeconds: burst ? undefined : number(values.durationSeconds),
    strategy: values.strategy,
    compare: values.compare === '' ? undefined : values.compare,
    computeDelayMs: number(values.computeDelayMs),
    ttlSeconds: number(values.ttlSeconds),
  };
}

interface Props {
  scenarios: SimulatedScenario[];
  limits: SimulatorLimits;
  busy: boolean;
  onStart: (values: FormValues) => void;
}

export function SimulationForm({ scenarios, limits, busy, onStart }: Props) {
  const [values, setValues] = useState<FormValues>(() => initialValues(scenarios[0]?.id ?? ''));
  const set = <K extends keyof FormValues>(key: K) => (value: FormValues[K]) => setValues((previous) => ({ ...previous, [key]: value }));
  const burst = values.distribution === 'burst';
  const planned = burst ? Number(values.users) : Number(values.rps) * Number(values.durationSeconds);
  const phases = values.compare === '' ? 1 : 2;
  const sampleSize = scenarios.find((scenario) => scenario.id === values.scenario)?.sampleSize ?? null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onStart(values);
  };
  const runPreset = (preset: Preset) => {
    const next = { ...values, ...preset.values };
    setValues(next);
    onStart(next);
  };

  return (
    <section aria-labelledby="new-run" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      <h2 id="new-run" className="text-lg font-bold text-slate-900">
        Start a run
      </h2>
      <div className="mt-3 grid gap-2">
        {PRESETS.map((preset) => (
          <button
            key={preset.title}
            type="button"
            disabled={busy || scenarios.length === 0}
            onClick={() => runPreset(preset)}
            className="rounded-xl border border-indigo-200 bg-indigo-50 px-4 py-2.5 text-left hover:border-indigo-400 hover:bg-indigo-100 disabled:cursor-not-allowed disabled:opacity-50"
          >
            <span className="block font-semibold text-indigo-900">▶ {preset.title}</span>
            <span className="block text-sm text-indigo-800">{preset.text}</span>
          </button>
        ))}
      </div>

      <form onSubmit={submit} className="mt-5 space-y-4 border-t border-slate-100 pt-4">
        <p className="text-sm font-semibold text-slate-700">…or set it up yourself</p>
        <Field label="Scenario">
          {(id) => (
            <select id={id} value={values.scenario} onChange={(event) => set('scenario')(event.target.value)} className={INPUT}>
              {scenarios.map((scenario) => (
                <option key={scenario.id} value={scenario.id}>
                  {scenario.title}
                </option>
              ))}
            </select>
          )}
        </Field>

        <fieldset>
          <legend className={LABEL}>Who asks for what</legend>
          <div className="mt-1 grid grid-cols-3 gap-1 rounded-lg bg-slate-100 p-1 ring-1 ring-slate-200">
            {(['zipf', 'uniform', 'burst'] as const).map((kind) => (
              <label
                key={kind}
                className={`cursor-pointer rounded-md px-2 py-1.5 text-center text-sm font-semibold ${values.distribution === kind ? 'bg-white text-indigo-700 shadow-sm ring-1 ring-slate-200' : 'text-slate-600'}`}
              >
                <input type="radio" name="distribution" value={kind} checked={values.distribution === kind} onChange={() => set('distribution')(kind)} className="sr-only" />
                {kind === 'zipf' ? 'Zipf' : kind === 'uniform' ? 'Uniform' : 'Hot-key burst'}
              </label>
            ))}
          </div>
        </fieldset>

        <div className="grid grid-cols-2 gap-3">
          {!burst && <NumberField label="Distinct inputs N" value={values.inputs} onChange={set('inputs')} min={1} max={Math.min(limits.maxInputs, sampleSize ?? Infinity)} />}
          {values.distribution === 'zipf' && <NumberField label="Zipf exponent s" value={values.s} onChange={set('s')} min={0} max={4} step={0.1} />}
          <NumberField label={burst ? 'Users (= requests)' : 'Virtual users'} value={values.users} onChange={set('users')} min={1} max={limits.maxUsers} />
          {!burst && <NumberField label="Requests/s" value={values.rps} onChange={set('rps')} min={1} max={limits.maxRps} />}
          {!burst && <NumberField label="Duration (s)" value={values.durationSeconds} onChange={set('durationSeconds')} min={1} max={limits.maxDurationSeconds} />}
        </div>

        <div className="space-y-3">
          <Field label="Strategy">
            {(id) => (
              <select id={id} value={values.strategy} onChange={(event) => set('strategy')(event.target.value as CacheStrategy)} className={INPUT}>
                {Object.entries(STRATEGY_LABELS).map(([strategy, label]) => (
                  <option key={strategy} value={strategy}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Then compare with">
            {(id) => (
              <select id={id} value={values.compare} onChange={(event) => set('compare')(event.target.value as FormValues['compare'])} className={INPUT}>
                <option value="">nothing (one phase)</option>
                <option value="bypass">no cache at all</option>
                {Object.entries(STRATEGY_LABELS)
                  .filter(([strategy]) => strategy !== values.strategy)
                  .map(([strategy, label]) => (
                    <option key={strategy} value={strategy}>
                      {label}
                    </option>
                  ))}
              </select>
            )}
          </Field>
        </div>
        <div className="grid grid-cols-2 gap-3">
          <NumberField label="Compute (ms)" hint="blank: the scenario's own delay" value={values.computeDelayMs} onChange={set('computeDelayMs')} min={0} max={120_000} optional />
          <NumberField label="TTL (s)" hint="blank: the scenario's own" value={values.ttlSeconds} onChange={set('ttlSeconds')} min={1} max={604_800} optional />
        </div>

        <p className={`text-sm ${planned > limits.maxRequests ? 'font-semibold text-rose-700' : 'text-slate-600'}`} data-testid="planned">
          {Number.isFinite(planned) ? formatCount(planned) : '—'} requests{phases > 1 ? ' per phase, 2 phases' : ''} · at most {formatCount(limits.maxRequests)} per run
        </p>
        <button
          type="submit"
          disabled={busy || scenarios.length === 0}
          className="w-full rounded-lg bg-indigo-600 px-5 py-2.5 text-lg font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-slate-400"
        >
          Start run
        </button>
      </form>
    </section>
  );
}

export const LABEL = 'block text-sm font-semibold text-slate-800';
export const INPUT =
  'mt-1 w-full min-w-0 rounded-lg border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-inner outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200';

function Field({ label, hint, children }: { label: string; hint?: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="min-w-0">
      <label htmlFor={id} className={LABEL}>
        {label}
      </label>
      {children(id)}
      {hint && <p className="mt-0.5 text-sm text-slate-600">{hint}</p>}
    </div>
  );
}

interface NumberFieldProps {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  min: number;
  max: number;
  step?: number;
  optional?: boolean;
}

export function NumberField({ label, hint, value, onChange, min, max, step = 1, optional = false }: NumberFieldProps) {
  return (
    <Field label={label} hint={hint}>
      {(id) => (
        <input
          id={id}
          type="number"
          inputMode="decimal"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          min={min}
          max={Number.isFinite(max) ? max : undefined}
          step={step}
          required={!optional}
          className={`${INPUT} tabular-nums`}
        />
      )}
    </Field>
  );
}
