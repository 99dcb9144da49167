'use client';

import type { ReactNode } from 'react';
import type { CacheMeta } from '@/lib/contracts/scenario';
import { formatLatency } from '@/lib/shared/format';
import { KeyLifeLink } from '../keylife/key-life-link';
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
  /** How long this browser waited for the answer (server time + network + the browser's own work). */
  waitedMs?: number;
  children: ReactNode;
  onInvalidate?: () => void;
  invalidateNote?: string | null;
  /** The visitor deleted the entry after this answer: no status or countdown that claims it is still cached. */
  invalidated?: boolean;
}

/** The answer to one request: what came back, how the cache served it, and how long it lives. */
export function ResultPanel({ cache, title, computeLabel = 'Compute time', lifetimeMs, waitedMs, children, onInvalidate, invalidateNote, invalidated = false }: Props) {
  return (
    <section aria-label={title ?? 'Result'} className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      {title && <h2 className="mb-4 text-base font-semibold uppercase tracking-wide text-slate-700">{title}</h2>}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2" aria-live="polite">
        {invalidated ? (
          <span data-testid="cache-status" className="inline-flex items-center rounded-md bg-slate-200 px-4 py-1.5 text-2xl font-bold tracking-wider text-slate-800 uppercase line-through ring-1 ring-slate-500/30 ring-inset">
            {cache.status}
          </span>
        ) : (
          <CacheBadge status={cache.status} size="lg" />
        )}
        <div>
          <p className="text-3xl font-bold tabular-nums text-slate-900">
            <span data-testid="latency">{formatLatency(cache.latencyMs)}</span>
            <span className="ml-2 text-base font-semibold text-slate-700">server time</span>
          </p>
          <p className="text-base text-slate-700" data-testid="status-hint">
            {invalidated ? 'was served like this, then you invalidated the key: the next request is a miss' : statusHint(cache.status)}
          </p>
        </div>
      </div>

      {cache.strategy === 'near' && <NearNote fromL1={cache.status === 'near-hit'} />}

      <div className="mt-5">{children}</div>

      <dl className="mt-5 grid grid-cols-1 gap-3 text-base sm:grid-cols-2 xl:grid-cols-3">
        <Figure label="Server time" value={formatLatency(cache.latencyMs)} hint="the app, from request to answer" />
        <Figure
          label="Redis time"
          value={cache.status === 'near-hit' ? 'none (answered from L1)' : formatLatency(cache.lookupMs)}
          hint="round trips to Redis, inside the server time"
        />
        {waitedMs !== undefined && <Figure label="Your browser waited" value={formatLatency(waitedMs)} hint="server time + network + browser" />}
        <Figure label={computeLabel} value={cache.computeMs > 0 ? formatLatency(cache.computeMs) : 'none (not computed)'} />
        <Figure label="Expiry" value={cache.expiryKind === 'ttl' ? 'sliding TTL' : 'fixed time'} />
        <Figure label="Strategy" value={cache.strategy === null ? 'none (cache skipped)' : `${cache.strategy}${cache.refreshing ? ', refreshing' : ''}`} />
      </dl>

      <div className="mt-4">
        <p className="text-sm font-semibold uppercase tracking-wide text-slate-700">Redis key</p>
        <code data-testid="cache-key" className="mt-1 block rounded-lg bg-slate-900 px-3 py-2 font-mono text-sm break-words text-emerald-300 [overflow-wrap:anywhere]">
          {cache.key}
        </code>
      </div>

      <div className="mt-4">
        {invalidated ? (
          <p data-testid="ttl-countdown" className="text-base font-semibold text-slate-800">
            Not cached any more: the key was invalidated.
          </p>
        ) : (
          // A `?ttl=` override is this entry's lifetime, not the scenario's.
          <TtlCountdown expiresAt={cache.expiresAt} lifetimeMs={cache.ttlAskedMs ?? lifetimeMs} />
        )}
        {cache.strategy !== null && <KeyLifeLink fullKey={cache.key} className="mt-3 inline-block text-sm" />}
      </div>

      {onInvalidate && (
        <div className="mt-5 flex flex-wrap items-center gap-3">
          <button
            type="button"
            onClick={onInvalidate}
            disabled={invalidated}
            className="rounded-lg border border-rose-400 bg-white px-3 py-2 text-base font-semibold text-rose-800 hover:bg-rose-50 focus-visible:outline-2 focus-visible:outline-rose-600 disabled:cursor-not-allowed disabled:opacity-60"
          >
            Invalidate this key
          </button>
          {invalidateNote && (
            <p className="text-base text-slate-700" role="status">
              {invalidateNote}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-lg bg-slate-50 px-3 py-2">
      <dt className="text-sm font-semibold uppercase tracking-wide text-slate-700">{label}</dt>
      <dd className="font-semibold tabular-nums text-slate-900">{value}</dd>
      {hint && <dd className="text-sm text-slate-700">{hint}</dd>}
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
