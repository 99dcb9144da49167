import type { ReactNode } from 'react';
import { Breakable } from './breakable';

/** Title plus the two or three sentences a page owes its reader: what is cached, where, for how long. */
export function PageIntro({ eyebrow, title, children }: { eyebrow?: string; title: string; children: ReactNode }) {
  return (
    <div className="mb-6 max-w-3xl sm:mb-8">
      {eyebrow && <p className="text-sm font-semibold uppercase tracking-wide text-indigo-700">{eyebrow}</p>}
      <h1 className="mt-1 text-3xl font-bold tracking-tight break-words text-slate-900 sm:text-4xl">
        <Breakable text={title} />
      </h1>
      <div className="mt-3 space-y-2 text-base leading-relaxed text-slate-700">{children}</div>
    </div>
  );
}
