'use client';

/** What the dashboard's client components know of a scenario (from lib/scenarios/registry.ts). */
export interface ScenarioOption {
  id: string;
  title: string;
  namespace: string;
}

interface Props {
  scenarios: readonly ScenarioOption[];
  /** A scenario id, or '' for all of them. */
  value: string;
  onChange: (id: string) => void;
  label: string;
  className?: string;
}

/** Pick one scenario or all of them (charts, key browser). */
export function ScenarioSelect({ scenarios, value, onChange, label, className = '' }: Props) {
  return (
    <select value={value} onChange={(event) => onChange(event.target.value)} aria-label={label} className={`rounded-lg border border-slate-300 bg-white px-2 text-base font-normal text-slate-900 ${className}`}>
      <option value="">All scenarios</option>
      {scenarios.map((scenario) => (
        <option key={scenario.id} value={scenario.id}>
          {scenario.title}
        </option>
      ))}
    </select>
  );
}
