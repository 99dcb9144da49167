import type { FormEvent, ReactNode } from 'react';

/** The look of a form's main text field or select. */
export const FIELD_CLASS =
  'rounded-lg border border-slate-300 px-3 py-2.5 text-lg text-slate-900 shadow-inner outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200';

/** The card every scenario's input form sits in, headed by the label of its main field. */
export function FormCard({ onSubmit, label, htmlFor, children }: { onSubmit: (event: FormEvent) => void; label: string; htmlFor: string; children: ReactNode }) {
  return (
    <form onSubmit={onSubmit} className="min-w-0 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      <label htmlFor={htmlFor} className="block text-sm font-semibold text-slate-800">
        {label}
      </label>
      {children}
    </form>
  );
}

/** The one big action of a scenario form ("Call expensive_function", "Get the forecast"). */
export function PrimaryButton({ children, disabled, className = '', onClick }: { children: ReactNode; disabled?: boolean; className?: string; onClick?: () => void }) {
  return (
    <button
      type={onClick ? 'button' : 'submit'}
      onClick={onClick}
      disabled={disabled}
      className={`rounded-lg bg-indigo-600 px-5 py-2.5 text-lg font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-slate-400 ${className}`}
    >
      {children}
    </button>
  );
}
