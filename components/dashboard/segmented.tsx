'use client';

interface Option<T extends string | number> {
  value: T;
  label: string;
}

/** A row of mutually exclusive buttons (time window, percentile): bigger targets than a select, readable from afar. */
export function Segmented<T extends string | number>({ label, options, value, onChange }: { label: string; options: readonly Option<T>[]; value: T; onChange: (value: T) => void }) {
  return (
    <div role="radiogroup" aria-label={label} className="inline-flex rounded-lg bg-slate-100 p-1 ring-1 ring-slate-200">
      {options.map((option) => {
        const selected = option.value === value;
        return (
          <button
            key={String(option.value)}
            type="button"
            role="radio"
            aria-checked={selected}
            onClick={() => onChange(option.value)}
            className={`rounded-md px-3 py-1.5 text-sm font-semibold whitespace-nowrap transition ${selected ? 'bg-white text-indigo-700 shadow-sm ring-1 ring-slate-200' : 'text-slate-600 hover:text-slate-900'}`}
          >
            {option.label}
          </button>
        );
      })}
    </div>
  );
}
