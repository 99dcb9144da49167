'use client';

import { useState, type FormEvent } from 'react';
import { formatCount } from '@/lib/shared/format';
import { EVICTION_POLICIES, SAMPLE_SIZES, type EvictionPolicy } from '@/lib/features/labs/types';
import { LABEL, NumberField } from '../simulator/simulation-form';

export interface EvictionLimits {
  maxInputs: number;
  maxCapacity: number;
  maxRequests: number;
  maxRps: number;
  maxDurationSeconds: number;
}

/** Numbers as typed, parsed on submit. */
interface Values {
  policies: EvictionPolicy[];
  samples: (typeof SAMPLE_SIZES)[number][];
  capacity: string;
  inputs: string;
  s: string;
  rps: string;
  durationSeconds: string;
}

const DEMO: Values = { policies: ['allkeys-lru', 'allkeys-lfu'], samples: [5], capacity: '1000', inputs: '10000', s: '1', rps: '5000', durationSeconds: '12' };

const SAMPLE_CHOICES: { label: string; sizes: (typeof SAMPLE_SIZES)[number][] }[] = [
  { label: '5', sizes: [5] },
  { label: '10', sizes: [10] },
  { label: '5 and 10', sizes: [5, 10] },
];

const POLICY_NOTES: Record<EvictionPolicy, string> = {
  'allkeys-lru': 'least recently used (sampled)',
  'allkeys-lfu': 'least frequently used (sampled)',
  'allkeys-random': 'any key at random',
  'volatile-lru': 'LRU among keys with a TTL (all of ours)',
  'volatile-ttl': 'nearest expiry first (here: oldest write)',
  noeviction: 'refuse writes when full',
};

export function EvictionForm({ limits, busy, onRun }: { limits: EvictionLimits; busy: boolean; onRun: (body: unknown) => void }) {
  const [values, setValues] = useState<Values>(DEMO);
  const set = <K extends keyof Values>(key: K) => (value: Values[K]) => setValues((previous) => ({ ...previous, [key]: value }));
  const requests = Number(values.rps) * Number(values.durationSeconds);
  const runs = values.policies.length * values.samples.length;
  const seconds = runs * Number(values.durationSeconds);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onRun({
      policies: values.policies,
      samples: values.samples,
      capacity: Number(values.capacity),
      inputs: Number(values.inputs),
      s: Number(values.s),
      rps: Number(values.rps),
      durationSeconds: Number(values.durationSeconds),
    });
  };
  const toggle = (policy: EvictionPolicy) =>
    set('policies')(values.policies.includes(policy) ? values.policies.filter((chosen) => chosen !== policy) : EVICTION_POLICIES.filter((known) => known === policy || values.policies.includes(known)));

  return (
    <form onSubmit={submit} aria-labelledby="eviction-form" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      <h2 id="eviction-form" className="text-lg font-bold text-slate-900">
        New run
      </h2>
      <button type="button" onClick={() => setValues(DEMO)} className="mt-2 w-full rounded-xl border border-indigo-200 bg-indigo-50 px-4 py-2.5 text-left hover:border-indigo-400 hover:bg-indigo-100">
        <span className="block font-semibold text-indigo-900">▶ LRU against LFU</span>
        <span className="block text-sm text-indigo-800">N = 10,000 inputs, C = 1,000 entries, s = 1, 12 s per policy</span>
      </button>
      <fieldset className="mt-4">
        <legend className={LABEL}>Policies (run one after another on the same traffic)</legend>
        <div className="mt-1 grid gap-1">
          {EVICTION_POLICIES.map((policy) => (
            <label key={policy} className="flex cursor-pointer items-start gap-2 text-sm">
              <input type="checkbox" checked={values.policies.includes(policy)} onChange={() => toggle(policy)} className="mt-0.5 size-4 shrink-0 accent-indigo-600" />
              <span>
                <span className="block whitespace-nowrap font-mono font-semibold text-slate-900">{policy}</span>
                <span className="block text-sm text-slate-600">{POLICY_NOTES[policy]}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="mt-4">
        <legend className={LABEL}>maxmemory-samples (keys Redis compares per eviction)</legend>
        <div className="mt-1 grid grid-cols-3 gap-1 rounded-lg bg-slate-100 p-1 ring-1 ring-slate-200">
          {SAMPLE_CHOICES.map(({ label, sizes }) => {
            const chosen = sizes.join() === values.samples.join();
            return (
              <label key={label} className={`cursor-pointer rounded-md px-2 py-1.5 text-center text-sm font-semibold ${chosen ? 'bg-white text-indigo-700 shadow-sm ring-1 ring-slate-200' : 'text-slate-600'}`}>
                <input type="radio" name="samples" checked={chosen} onChange={() => set('samples')(sizes)} className="sr-only" />
                {label}
              </label>
            );
          })}
        </div>
      </fieldset>
      <div className="mt-4 grid grid-cols-2 gap-3">
        <NumberField label="Capacity C (entries)" value={values.capacity} onChange={set('capacity')} min={10} max={limits.maxCapacity} hint="converted to maxmemory" />
        <NumberField label="Distinct inputs N" value={values.inputs} onChange={set('inputs')} min={10} max={limits.maxInputs} hint="more than C" />
        <NumberField label="Zipf exponent s" value={values.s} onChange={set('s')} min={0} max={3} step={0.1} hint="0 = uniform" />
        <NumberField label="Requests per second" value={values.rps} onChange={set('rps')} min={1} max={limits.maxRps} />
        <NumberField label="Seconds per policy" value={values.durationSeconds} onChange={set('durationSeconds')} min={1} max={limits.maxDurationSeconds} />
      </div>
      <p className={`mt-3 text-sm ${requests > limits.maxRequests ? 'font-semibold text-rose-700' : 'text-slate-600'}`} data-testid="planned">
        {formatCount(requests)} requests per policy (at most {formatCount(limits.maxRequests)}), about {seconds} s in all. Values of 1 kB, compute time 0.
      </p>
      <button type="submit" disabled={busy || values.policies.length === 0} className="mt-3 w-full rounded-lg bg-indigo-600 px-5 py-2.5 text-lg font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-slate-400">
        {busy ? 'A run is going on…' : `Run ${values.policies.length} ${values.policies.length === 1 ? 'policy' : 'policies'}${values.samples.length > 1 ? ' × 2 sample sizes' : ''}`}
      </button>
    </form>
  );
}
