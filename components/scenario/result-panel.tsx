'use client';

import type { ReactNode } from 'react';
import type { CacheMeta } from '@/lib/api-types';
import { formatLatency } from '@/lib/format';
import { CacheBadge, statusHint } from './cache-badge';
import { TtlCountdown } from './ttl-countdown';

interface Props {
  cache: CacheMeta;
  /** Names the panel when a page shows several (weather's two strategies). */
  title?: string;
  /** What "compute" means here, e.g. "Inference (simulated)". */
  computeLabel?: string;
  /** The lifetime the entry was written with, for the countdown bar. */
  lifetimeMs: number | null;
  children: ReactNode;
  onInvalidate?: () => void;
  invalidateNote?: string | null;
  /** Shown under the invalidate button, e.g. the admin-token prompt of useAdminAction. */
  invalidatePrompt?: ReactNode;
}

/** The answer to one request: what came back, how the cache served it, and how long it lives. */
export function ResultPanel({ cache, title, computeLabel = 'Compute time', lifetimeMs, children, onInvalidate, invalidateNote, invalidatePrompt }: Props) {
  return (
    <section aria-live="polite" aria-label={title} className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      {title && <h2 className="mb-4 text-sm font-semibold uppercase tracking-wide text-slate-500">{title}</h2>}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <CacheBadge status={cache.status} size="lg" />
        <div>
          <p className="text-3xl font-bold tabular-nums text-slate-900" data-testid="latency">
            {formatLatency(cache.latencyMs)}
          </p>
          <p className="text-sm text-slate-600">{statusHint(cache.status)}</p>
        </div>
      </div>

      {cache.strategy === 'near' && <NearNote fromL1={cache.status === 'near-hit'} />}

      <div className="mt-5">{children}</div>

      <dl className="mt-5 grid grid-cols-1 gap-3 text-sm sm:grid-cols-2 xl:grid-cols-4">
        <Figure label="Redis time" value={cache.status === 'near-hit' ? 'none (answered from L1)' : formatLatency(cache.lookupMs)} />
        <Figure label={computeLabel} value={cache.computeMs > 0 ? formatLatency(cache.computeMs) : 'none (not computed)'} />
        <Figure label="Expiry" value={cache.expiryKind === 'ttl' ? 'sliding TTL' : 'fixed time'} />
        <Figure label="Strategy" value={cache.strategy === null ? 'none (cache skipped)' : `${cache.strategy}${cache.refreshing ? ', refreshing' : ''}`} />
      </dl>

      <div className="mt-4">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Redis key</p>
        <code data-testid="cache-key" className="mt-1 block break-all rounded-lg bg-slate-900 px-3 py-2 font-mono text-sm text-emerald-300">
          {cache.key}
        </code>
      </div>

      <div className="mt-4">
        <TtlCountdown expiresAt={cache.expiresAt} lifetimeMs={lifetimeMs} />
      </div>

      {onInvalidate && (
        <div className="mt-5 flex flex-wrap items-center gap-3">
          <button type="button" onClick={onInvalidate} className="rounded-lg border border-rose-300 bg-white px-3 py-2 text-sm font-semibold text-rose-700 hover:bg-rose-50 focus-visible:outline-2 focus-visible:outline-rose-500">
            Invalidate this key
          </button>
          {invalidateNote && <p className="text-sm text-slate-600" role="status">{invalidateNote}</p>}
        </div>
      )}
      {onInvalidate && invalidatePrompt && <div className="mt-4">{invalidatePrompt}</div>}
    </section>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg bg-slate-50 px-3 py-2">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="font-semibold tabular-nums text-slate-900">{value}</dd>
    </div>
  );
}

/** Strategy `near`: where this answer came from, and why the next one may come from elsewhere. */
function NearNote({ fromL1 }: { fromL1: boolean }) {
  return (
    <p data-testid="near-note" className="mt-4 rounded-lg bg-teal-50 px-3 py-2 text-sm text-teal-900">
      {fromL1
        ? 'Answered from this app instance’s memory (L1), without asking Redis. Redis tells this instance when anyone changes the key, and the copy is dropped at once.'
        : 'Strategy near: this answer came from Redis. A fresh value read from Redis is kept in this instance’s memory (L1), so the next request can skip Redis; the health endpoint says when L1 cannot run here.'}
    </p>
  );
}
