'use client';

import { useState } from 'react';
import { GONE_LINGER_MS, useGoneKeys } from '../keylife/use-gone-keys';
import { useDebounced } from '../use-debounced';
import { useNow } from '../use-now';
import { ConfirmButton } from './confirm-button';
import { apiData } from '../api/client';
import { isShown, type ListedKey } from './key-ledger';
import { KEY_COLUMNS, KeyRow } from './key-row';
import { Panel } from './panel';
import { ScenarioSelect, type ScenarioOption } from './scenario-select';
import { useKeyPages } from './use-key-pages';
import { ValueDialog } from './value-dialog';

/** How long an expired key stays on screen, greyed out, before it goes (when Redis does not say it removed it). */
const EXPIRED_LINGER_MS = 1500;
/** With notifications, a key whose TTL reached zero waits this long for Redis' `expired` (the ledger forgets after 10 s). */
const AWAIT_REDIS_MS = 9000;
const REFRESH_MS = 2000;

/** The cached keys of every scenario, with live countdowns: SCAN pages, literal filters, invalidate and flush. */
export function KeyBrowser({ scenarios, paused, filterAutoPages }: { scenarios: readonly ScenarioOption[]; paused: boolean; filterAutoPages: number }) {
  const [scenario, setScenario] = useState('');
  const [text, setText] = useState('');
  const match = useDebounced(text.trim());
  const [viewing, setViewing] = useState<string | null>(null);
  const [note, setNote] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [removing, setRemoving] = useState<ReadonlySet<string>>(new Set());
  const pages = useKeyPages({ scenario, match }, REFRESH_MS, paused, filterAutoPages);
  const now = useNow(1000);
  const { gone, reportsExpiry } = useGoneKeys();
  // Rows of keys that went, kept to show them with their reason once the listing drops them.
  const [remembered, setRemembered] = useState({ from: pages.ledger, entries: new Map<string, ListedKey>() as ReadonlyMap<string, ListedKey> });
  if (remembered.from !== pages.ledger) setRemembered({ from: pages.ledger, entries: remember(remembered.entries, pages.keys, gone) });
  const visible = withGoneKeys(
    pages.keys.filter((entry) => !removing.has(entry.key) && isShown(entry, now, reportsExpiry ? AWAIT_REDIS_MS : EXPIRED_LINGER_MS)),
    remembered.entries, gone, now,
  );
  const selected = scenarios.find((option) => option.id === scenario);

  const act = async (work: () => Promise<string>) => {
    try {
      setNote({ tone: 'ok', text: await work() });
    } catch (error) {
      setNote({ tone: 'error', text: (error as Error).message });
    }
  };

  const invalidate = (key: string) =>
    act(async () => {
      setRemoving((current) => new Set(current).add(key));
      try {
        const { deleted } = await apiData<{ deleted: boolean }>(`/api/keys?key=${encodeURIComponent(key)}`, { method: 'DELETE' });
        await pages.refresh();
        return deleted ? `Invalidated ${key}: the next request for it is a miss.` : `${key} had already gone.`;
      } finally {
        setRemoving((current) => {
          const next = new Set(current);
          next.delete(key);
          return next;
        });
      }
    });

  const flush = () =>
    act(async () => {
      if (!selected) return 'Pick a scenario first.';
      const { deleted } = await apiData<{ deleted: number }>(`/api/scenarios/${encodeURIComponent(selected.id)}/cache`, { method: 'DELETE' });
      await pages.refresh();
      return `Flushed ${selected.title}: ${deleted} ${deleted === 1 ? 'key' : 'keys'} deleted.`;
    });

  return (
    <Panel
      testId="key-browser"
      title="Cached keys"
      subtitle="Listed with SCAN, a bounded slice of the keyspace per page (never KEYS, which would stall Redis). Click a key to see its value."
    >
      <div className="mb-3 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center">
        <label className="flex min-w-0 items-center gap-2 text-sm font-semibold text-slate-700">
          Scenario
          <ScenarioSelect scenarios={scenarios} value={scenario} onChange={setScenario} label="Scenario of the keys listed" className="min-w-0 flex-1 py-2 sm:max-w-[16rem]" />
        </label>
        <label className="flex min-w-0 flex-1 items-center gap-2 text-sm font-semibold text-slate-700">
          Filter
          <input
            type="search"
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder="text in the key, taken literally (* and ? too)"
            maxLength={200}
            className="min-w-0 flex-1 rounded-lg border border-slate-300 px-3 py-2 text-base font-normal text-slate-900 outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200"
          />
        </label>
        {selected && (
          <ConfirmButton
            label={`Flush ${selected.id} keys`}
            question={`Delete every cached key of ${selected.title}?`}
            confirmLabel="Yes, flush"
            onConfirm={flush}
          />
        )}
      </div>

      {note && (
        <p role="status" className={`mb-3 rounded-lg px-3 py-2 text-sm break-all ${note.tone === 'ok' ? 'bg-emerald-50 text-emerald-900' : 'bg-rose-50 text-rose-800'}`}>
          {note.text}
        </p>
      )}
      {pages.error && !pages.keys.length && <p role="alert" className="text-rose-700">{pages.error.message}</p>}

      <div className={`hidden gap-x-4 border-b border-slate-200 px-2 pb-2 text-sm font-semibold tracking-wide text-slate-600 uppercase sm:grid ${KEY_COLUMNS}`}>
        <span>Key</span>
        <span>Size</span>
        <span>Expiry</span>
        <span>Expires in</span>
        <span className="text-right">Actions</span>
      </div>
      {visible.length === 0 ? (
        <p data-testid="keys-empty" className="px-2 py-6 text-center text-base text-slate-600">
          {emptyMessage(pages, match, filterAutoPages)}
        </p>
      ) : (
        <ul className="max-h-[34rem] divide-y divide-slate-100 overflow-y-auto">
          {visible.map((entry) => (
            <KeyRow key={entry.key} entry={entry} now={now} gone={gone.get(entry.key)?.reason ?? null} awaitsRedis={reportsExpiry} onView={setViewing} onInvalidate={invalidate} />
          ))}
        </ul>
      )}

      <div className="mt-3 flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <span>
          {visible.length} {visible.length === 1 ? 'key' : 'keys'} shown · {pages.scanCalls} SCAN {pages.scanCalls === 1 ? 'call' : 'calls'}
        </span>
        {pages.more && (
          <button type="button" onClick={() => pages.scanFurther()} disabled={pages.loadingMore} className="rounded-lg border border-indigo-300 px-3 py-1.5 font-semibold text-indigo-700 hover:bg-indigo-50 disabled:opacity-60">
            {pages.loadingMore ? 'Scanning…' : 'Scan further'}
          </button>
        )}
      </div>
      <ValueDialog cacheKey={viewing} onClose={() => setViewing(null)} />
    </Panel>
  );
}

/** The rows just listed, plus earlier ones of keys that went (bounded by the keys on screen and the few that just went). */
function remember(before: ReadonlyMap<string, ListedKey>, listed: readonly ListedKey[], gone: ReadonlyMap<string, unknown>): ReadonlyMap<string, ListedKey> {
  const entries = new Map([...before].filter(([key]) => gone.has(key)));
  for (const entry of listed) entries.set(entry.key, entry);
  return entries;
}

/** A key that went (expired, evicted, invalidated) stays GONE_LINGER_MS with its reason, even once the listing no longer has it. */
function withGoneKeys(listed: ListedKey[], seen: ReadonlyMap<string, ListedKey>, gone: ReadonlyMap<string, { at: number }>, now: number): ListedKey[] {
  const shown = new Map(listed.map((entry) => [entry.key, entry]));
  for (const [key, { at }] of gone) {
    const entry = shown.get(key) ?? seen.get(key);
    if (now - at >= GONE_LINGER_MS) shown.delete(key);
    else if (entry) shown.set(key, entry);
  }
  return [...shown.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** What an empty list means: still scanning (with progress), the scan limit reached, or truly nothing. */
function emptyMessage(pages: ReturnType<typeof useKeyPages>, match: string, autoPages: number): string {
  const calls = `${pages.scanCalls} SCAN ${pages.scanCalls === 1 ? 'call' : 'calls'}`;
  if (pages.loading || pages.autoScanning) return match ? `Scanning for “${match}”… page ${pages.pagesRead} of at most ${autoPages} (${calls} so far)` : 'Scanning…';
  if (pages.more) return match ? `No key matching “${match}” in the first ${pages.pagesRead} pages (${calls}); the keyspace goes on: scan further?` : 'No key in this slice of the keyspace yet: scan further?';
  return match ? 'No key matches this filter (the whole keyspace was scanned).' : 'The cache is empty. Send a request from a scenario and its key appears here.';
}
