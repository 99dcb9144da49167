'use client';

import Link from 'next/link';
import { keyLifeHref } from '../keylife/describe';
import { formatBytes } from '@/lib/shared/format';
import { TtlCountdown } from '../scenario/ttl-countdown';
import type { ListedKey } from './key-ledger';
import { Breakable } from '../breakable';

interface Props {
  entry: ListedKey;
  now: number;
  onView: (key: string) => void;
  onInvalidate: (key: string) => void;
  /** Why it went (pushed by the server), e.g. "expired by Redis 0.8 s after its TTL". */
  gone?: string | null;
  /** Redis reports removals here: a key past its TTL is "not yet removed", not simply gone. */
  awaitsRedis?: boolean;
}

/** The key browser's columns (header and rows share them); on a phone a row stacks instead. */
export const KEY_COLUMNS = 'sm:grid-cols-[minmax(0,1fr)_5.5rem_6.5rem_11rem_10.5rem]';

/** One cache entry: its key, size, how it expires, a live countdown, and what can be done to it. */
export function KeyRow({ entry, now, onView, onInvalidate, gone = null, awaitsRedis = false }: Props) {
  // In a cluster the readable key sits inside a hash tag: `<prefix>{<readable key>}`.
  const tagClose = entry.slot !== null && entry.key.endsWith('}') ? '}' : '';
  const prefix = entry.key.slice(0, entry.key.length - entry.readableKey.length - tagClose.length);
  const expired = gone !== null || (entry.expiresAt !== null && entry.expiresAt <= now);
  const size = entry.sizeBytes === null ? '—' : formatBytes(entry.sizeBytes);
  return (
    <li
      data-testid="key-row"
      data-key={entry.key}
      data-expired={expired}
      data-gone={gone ?? undefined}
      className={`grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-4 gap-y-2 px-2 py-2.5 transition-[opacity,background-color] duration-1000 ${KEY_COLUMNS} ${expired ? 'bg-rose-50 opacity-40' : ''}`}
    >
      <div className="col-start-1 row-start-1 min-w-0 sm:col-start-auto sm:row-start-auto">
        <button type="button" onClick={() => onView(entry.key)} className={`block max-w-full text-left font-mono text-sm break-words text-slate-900 hover:text-indigo-700 hover:underline sm:truncate ${expired ? 'line-through' : ''}`} title={`Show the value of ${entry.key}`}>
          <span className="hidden text-slate-600 sm:inline">{prefix}</span>
          <span className="font-semibold">
            <Breakable text={entry.readableKey} />
          </span>
          {tagClose && <span className="hidden text-slate-600 sm:inline">{tagClose}</span>}
        </button>
        <p className="text-sm text-slate-600">
          {entry.scenario ?? 'no known scenario'}
          {entry.slot !== null && (
            <span data-testid="key-slot">
              {' '}
              · slot {entry.slot}
              {entry.node && ` on ${entry.node}`}
            </span>
          )}
          {entry.type === 'other' && ' · not a cache entry (wrong type)'}
          {' · '}
          <Link href={keyLifeHref(entry.key)} aria-label={`Life of ${entry.readableKey}`} className="font-semibold whitespace-nowrap text-indigo-700 hover:underline">
            its life →
          </Link>
        </p>
      </div>
      {/* One line on a phone; on wider screens `contents` lets both cells take their own columns. */}
      <div className="col-span-2 flex items-center gap-3 sm:contents">
        <p className="text-sm text-slate-700 tabular-nums">{size}</p>
        <p>
          <ExpiryBadge kind={entry.expiry} hasTtl={entry.expiresAt !== null} />
        </p>
      </div>
      <div className="col-span-2 min-w-0 whitespace-nowrap sm:col-span-1">
        {gone !== null ? (
          <span data-testid="gone-reason" className="text-sm font-semibold whitespace-normal text-rose-800">{gone}</span>
        ) : expired && awaitsRedis ? (
          <span data-testid="awaiting-redis" className="text-sm whitespace-normal text-amber-800">TTL reached zero, not yet removed by Redis</span>
        ) : entry.expiresAt === null ? (
          <span className="text-sm text-slate-600">never expires</span>
        ) : (
          <TtlCountdown variant="compact" expiresAt={new Date(entry.expiresAt).toISOString()} lifetimeMs={entry.lifetimeMs} />
        )}
      </div>
      <div className="col-start-2 row-start-1 flex justify-end gap-2 self-start sm:col-start-auto sm:row-start-auto sm:self-center">
        <button type="button" onClick={() => onView(entry.key)} className="rounded-md border border-slate-300 px-2.5 py-1.5 text-sm font-semibold text-slate-700 hover:bg-slate-50">
          View
        </button>
        <button type="button" onClick={() => onInvalidate(entry.key)} aria-label={`Invalidate ${entry.readableKey}`} className="rounded-md border border-rose-300 px-2.5 py-1.5 text-sm font-semibold text-rose-700 hover:bg-rose-50">
          Invalidate
        </button>
      </div>
    </li>
  );
}

function ExpiryBadge({ kind, hasTtl }: { kind: ListedKey['expiry']; hasTtl: boolean }) {
  if (!hasTtl) return <span className="text-sm text-slate-600">no expiry</span>;
  const [text, look, hint] =
    kind === 'absolute'
      ? ['fixed time', 'bg-violet-100 text-violet-800 ring-violet-600/30', 'expires at a fixed moment, e.g. midnight']
      : kind === 'ttl'
        ? ['TTL', 'bg-indigo-100 text-indigo-800 ring-indigo-600/30', 'expires a fixed time after it was written']
        : ['unknown', 'bg-slate-100 text-slate-700 ring-slate-500/30', 'not a Cache Lab envelope'];
  return (
    <span title={hint} className={`inline-flex rounded-md px-2 py-0.5 text-sm font-bold uppercase ring-1 ring-inset ${look}`}>
      {text}
    </span>
  );
}
