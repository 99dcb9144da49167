'use client';

import { ConfirmButton } from './confirm-button';
import { LiveIndicator, type LiveState } from './live-indicator';
import { ScenarioSelect, type ScenarioOption } from './scenario-select';
import { Segmented } from './segmented';

export const WINDOWS = [
  { value: 60, label: '1 min' },
  { value: 300, label: '5 min' },
  { value: 900, label: '15 min' },
] as const;

export type WindowSeconds = (typeof WINDOWS)[number]['value'];

export interface ViewSettings {
  windowSeconds: WindowSeconds;
  /** Charts of one scenario, or '' for all. */
  scenario: string;
  includeSimulated: boolean;
  paused: boolean;
}

interface Props {
  view: ViewSettings;
  onChange: (view: ViewSettings) => void;
  scenarios: readonly ScenarioOption[];
  live: LiveState;
  updatedAt: number | null;
  onReset: () => Promise<void>;
}

/** The dashboard's controls, in one row on a projector and wrapped on a phone. */
export function Toolbar({ view, onChange, scenarios, live, updatedAt, onReset }: Props) {
  const set = (change: Partial<ViewSettings>) => onChange({ ...view, ...change });
  return (
    <div className="mb-4 flex flex-col gap-3 rounded-2xl border border-slate-200 bg-white p-3 shadow-sm sm:p-4 lg:flex-row lg:flex-wrap lg:items-center">
      <LiveIndicator state={live} updatedAt={updatedAt} />
      <div className="flex flex-wrap items-center gap-2">
        <Segmented label="Chart window" options={WINDOWS} value={view.windowSeconds} onChange={(windowSeconds) => set({ windowSeconds })} />
        <label className="flex items-center gap-2 text-sm font-semibold text-slate-700">
          <span className="sr-only sm:not-sr-only">Charts of</span>
          <ScenarioSelect scenarios={scenarios} value={view.scenario} onChange={(scenario) => set({ scenario })} label="Scenario shown in the charts" className="max-w-[14rem] py-1.5" />
        </label>
        <label className="inline-flex items-center gap-2 text-sm font-medium text-slate-700">
          <input type="checkbox" checked={view.includeSimulated} onChange={(event) => set({ includeSimulated: event.target.checked })} className="size-4 accent-indigo-600" />
          Simulated traffic
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-2 lg:ml-auto">
        <button type="button" onClick={() => set({ paused: !view.paused })} aria-pressed={view.paused} className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-50">
          {view.paused ? 'Resume' : 'Pause'}
        </button>
        <ConfirmButton label="Reset statistics" question="Forget every figure? Cached keys stay." confirmLabel="Yes, reset" onConfirm={onReset} />
      </div>
    </div>
  );
}
