'use client';

import { useEffect, useRef } from 'react';
import useSWR from 'swr';
import type { KeyValue } from '@/lib/contracts/dashboard';
import { formatBytes, formatCountdown } from '@/lib/shared/format';
import { fetchData } from '../api/client';

/** The stored JSON of one key, in a modal dialog (Escape or the button closes it). */
export function ValueDialog({ cacheKey, onClose }: { cacheKey: string | null; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { data, error } = useSWR(cacheKey ? `/api/keys/value?key=${encodeURIComponent(cacheKey)}` : null, fetchData<KeyValue>, { revalidateOnFocus: false });

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (cacheKey && !element.open) element.showModal();
    if (!cacheKey && element.open) element.close();
  }, [cacheKey]);

  const value = data;
  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="value-title" className="m-auto w-[min(48rem,calc(100vw-2rem))] rounded-2xl p-0 shadow-2xl backdrop:bg-slate-900/60">
      <div className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-4">
        <div className="min-w-0">
          <h2 id="value-title" className="text-lg font-bold text-slate-900">Stored value</h2>
          <p className="font-mono text-sm break-all text-slate-600">{cacheKey}</p>
        </div>
        <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-semibold text-slate-700 hover:bg-slate-50">
          Close
        </button>
      </div>
      <div className="px-5 py-4">
        {error && <p role="alert" className="text-rose-700">{(error as Error).message}</p>}
        {!error && !value && <p className="text-slate-600">Loading…</p>}
        {value && (
          <>
            <p className="mb-2 text-sm text-slate-600">
              {value.type} · {formatBytes(value.sizeBytes)} · {value.ttlMs === null ? 'no expiry' : `expires in ${formatCountdown(value.ttlMs)}`}
              {value.truncated && ' · cut: only the beginning is shown'}
            </p>
            <pre tabIndex={0} aria-label="Stored value" data-testid="key-value" className="max-h-[60vh] overflow-auto rounded-lg bg-slate-900 p-4 font-mono text-sm text-emerald-200">
              {typeof value.value === 'string' ? value.value : JSON.stringify(value.value, null, 2)}
            </pre>
          </>
        )}
      </div>
    </dialog>
  );
}
