'use client';

import { useState } from 'react';

/** Short TTLs a class can watch run out, beside the scenario's own expiry. */
const SHORT_TTLS = [5, 30] as const;

/**
 * "Store the next entry with a TTL of…": 5 s, 30 s or the scenario's own (`ownLabel`, e.g.
 * "24 h"). `query()` gives the scenario endpoint's query string, with `?cache=bypass` when asked.
 */
export function useTtlChoice(ownLabel: string) {
  const [seconds, setSeconds] = useState<number | null>(null);
  /** `joiner`: `?` to start a query string, `&` to extend one. */
  const query = (bypass: boolean, joiner: '?' | '&' = '?') => {
    const params = new URLSearchParams();
    if (bypass) params.set('cache', 'bypass');
    if (seconds !== null) params.set('ttl', String(seconds));
    const text = params.toString();
    return text === '' ? '' : `${joiner}${text}`;
  };
  const options: { label: string; value: number | null }[] = [...SHORT_TTLS.map((value) => ({ label: `${value} s`, value })), { label: `its own (${ownLabel})`, value: null }];
  const control = (
    <fieldset className="mt-3 flex flex-wrap items-center gap-2 text-sm text-slate-700">
      <legend className="sr-only">TTL of the next stored entry</legend>
      <span aria-hidden>Store the next entry for</span>
      {options.map((option) => (
        <label key={option.label} className={`cursor-pointer rounded-full border px-3 py-1 ${seconds === option.value ? 'border-indigo-500 bg-indigo-50 font-semibold text-indigo-900' : 'border-slate-300 hover:bg-slate-50'}`}>
          <input type="radio" name="ttl-choice" className="sr-only" checked={seconds === option.value} onChange={() => setSeconds(option.value)} />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
  return { seconds, query, control };
}
