'use client';

/** The `?cache=bypass` switch every scenario form offers, to feel the full cost on demand. */
export function BypassToggle({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="mt-3 flex items-start gap-2 text-sm text-slate-700">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} className="mt-0.5 size-4 shrink-0 accent-indigo-600" />
      <span>
        Skip the cache (<code className="font-mono">?cache=bypass</code>) to feel the full cost every time
      </span>
    </label>
  );
}
