import type { ReactNode } from 'react';
import { formatClock, formatSpan } from '@/lib/shared/format';
import { TagActions } from './tag-actions';

export interface CachedRender {
  /** When the cached function ran (ms since the epoch), and on which instance: both are part of the cached result. */
  renderedAt: number;
  instance: string;
}

/**
 * A page section rendered through Next's `'use cache'` (on Redis, lib/next-cache): what it is, when
 * and where it was rendered — a second visit within its lifetime shows the same time and instance,
 * from any instance — and the admin's tag actions. `data-cache-rendered-at` is the contract tests read.
 */
export function CachedSection({ title, render, tags, life, servedBy, children }: {
  title: string;
  render: CachedRender;
  tags: readonly string[];
  /** The cacheLife it was given, in seconds. */
  life: { revalidate: number; expire: number };
  /** The instance that served this page now. */
  servedBy: string;
  children: ReactNode;
}) {
  return (
    <section
      aria-label={title}
      data-cache-rendered-at={render.renderedAt}
      data-cache-instance={render.instance}
      className="mt-8 rounded-2xl border border-violet-200 bg-white p-5 shadow-sm sm:p-6"
    >
      <p className="text-sm font-semibold uppercase tracking-wide text-violet-700">Next.js &apos;use cache&apos; on Redis</p>
      <h2 className="mt-1 text-xl font-bold text-slate-900">{title}</h2>
      <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm text-slate-700 sm:grid-cols-2">
        <div>
          <dt className="inline font-semibold text-slate-900">Rendered </dt>
          <dd className="inline">
            at <time dateTime={new Date(render.renderedAt).toISOString()}>{formatClock(render.renderedAt)}</time> by <code className="font-mono" data-testid="rendered-by">{render.instance}</code>
          </dd>
        </div>
        <div>
          <dt className="inline font-semibold text-slate-900">This page served by </dt>
          <dd className="inline">
            <code className="font-mono" data-testid="served-by">{servedBy}</code>
          </dd>
        </div>
        <div>
          <dt className="inline font-semibold text-slate-900">cacheLife: </dt>
          <dd className="inline">
            stale after {formatSpan(life.revalidate * 1000)} (regenerated in the background), gone after {formatSpan(life.expire * 1000)}
          </dd>
        </div>
        <div>
          <dt className="inline font-semibold text-slate-900">Tags: </dt>
          <dd className="inline break-words font-mono">{tags.join(', ')}</dd>
        </div>
      </dl>
      <div className="mt-4">{children}</div>
      <TagActions tags={tags} />
    </section>
  );
}
