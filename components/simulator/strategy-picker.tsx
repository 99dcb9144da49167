'use client';

import { useState } from 'react';
import useSWR from 'swr';
import { STRATEGIES, type CacheStrategy } from '@/lib/cache/types';
import { apiData, fetchData } from '../api/client';
import { Breakable } from '../breakable';

interface Setting {
  scenario: string;
  strategy: CacheStrategy;
}

/** The strategy real visitors' requests get, per scenario; every app instance follows it at once. */
export function StrategyPicker({ scenarios }: { scenarios: { id: string; title: string }[] }) {
  return (
    <ul className="divide-y divide-slate-100">
      {scenarios.map((scenario) => (
        <ScenarioStrategy key={scenario.id} id={scenario.id} title={scenario.title} />
      ))}
    </ul>
  );
}

function ScenarioStrategy({ id, title }: { id: string; title: string }) {
  const url = `/api/scenarios/${encodeURIComponent(id)}/strategy`;
  const { data, error, mutate } = useSWR<Setting>(url, fetchData, { revalidateOnFocus: false });
  const [note, setNote] = useState<string | null>(null);
  const choose = async (strategy: CacheStrategy) => {
    setNote(null);
    try {
      await mutate(await apiData<Setting>(url, { method: 'PUT', json: { strategy } }), { revalidate: false });
      setNote('Saved: the next request uses it.');
    } catch (error) {
      setNote((error as Error).message);
    }
  };
  const selectId = `strategy-${id}`;
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-2 py-3">
      <label htmlFor={selectId} className="min-w-0 flex-1 font-mono text-base font-semibold break-words text-slate-800">
        <Breakable text={title} />
      </label>
      <select
        id={selectId}
        value={data?.strategy ?? ''}
        disabled={!data}
        onChange={(event) => void choose(event.target.value as CacheStrategy)}
        className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-inner disabled:bg-slate-100"
      >
        {!data && <option value="">{error ? 'unavailable' : 'loading…'}</option>}
        {STRATEGIES.map((strategy) => (
          <option key={strategy} value={strategy}>
            {strategy}
          </option>
        ))}
      </select>
      {(note || error) && (
        <p role="status" className="w-full text-sm text-slate-600">
          {note ?? (error instanceof Error ? error.message : null)}
        </p>
      )}
    </li>
  );
}
