import type { ReactNode } from 'react';

/**
 * A scenario page's working area: the experiment on the left, the side panels (history, …)
 * in a 22rem column on wide screens, below it on phones. Columns never grow past the screen,
 * however long an unbreakable label inside them is.
 */
export function LabColumns({ children, aside }: { children: ReactNode; aside: ReactNode }) {
  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="min-w-0 space-y-6">{children}</div>
      <div className="min-w-0 space-y-6">{aside}</div>
    </div>
  );
}
