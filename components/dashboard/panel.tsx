import type { ReactNode } from 'react';

interface Props {
  title: string;
  /** One line saying what is shown and over which period. */
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
  className?: string;
}

/** A dashboard section: a white card with a heading that says what it shows. */
export function Panel({ title, subtitle, actions, children, testId, className = '' }: Props) {
  return (
    <section data-testid={testId} aria-label={title} className={`min-w-0 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5 ${className}`}>
      <div className="mb-3 flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <h2 className="text-lg font-bold text-slate-900">{title}</h2>
          {subtitle && <p className="text-sm text-slate-600">{subtitle}</p>}
        </div>
        {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
      </div>
      {children}
    </section>
  );
}
