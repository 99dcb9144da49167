'use client';

import { useEffect, useState } from 'react';
import useSWRInfinite from 'swr/infinite';
import type { KeyPage } from '@/lib/contracts/dashboard';
import { fetchReceived, type Received } from './fetch-data';
import { mergeListing, type KeyLedger } from './key-ledger';

/**
 * The key browser's pages, each one bounded SCAN walk continuing from the previous
 * page's cursor. Every loaded page is re-read every `intervalMs` so new keys appear
 * and deleted ones go; the countdowns tick in between without asking the server.
 * A text filter keeps scanning by itself (one page after another, up to `autoPages`) until
 * a key matches or the keyspace ends, so "no matching key" is never said too early.
 */
export function useKeyPages(filter: { scenario: string; match: string }, intervalMs: number, paused: boolean, autoPages: number) {
  // Known from the last answer: while the filter walks forward, the loaded pages are not re-read.
  const [scanning, setScanning] = useState(false);
  const getKey = (index: number, previous: Received<KeyPage> | null) => {
    if (previous && previous.data.cursor === '0') return null;
    const cursor = index === 0 || !previous ? '0' : previous.data.cursor;
    return `/api/keys?${new URLSearchParams({ scenario: filter.scenario, match: filter.match, cursor })}`;
  };
  const result = useSWRInfinite<Received<KeyPage>>(getKey, fetchReceived<KeyPage>, {
    revalidateAll: true,
    revalidateOnFocus: !paused,
    keepPreviousData: true,
  });
  const pages = result.data;

  // The ledger follows the pages: updated while rendering when they change (React's pattern for derived state).
  const [ledger, setLedger] = useState<KeyLedger>(new Map());
  const [mergedPages, setMergedPages] = useState(pages);
  if (pages !== mergedPages) {
    setMergedPages(pages);
    setLedger(mergeListing(ledger, (pages ?? []).map((page) => ({ keys: page.data.keys, receivedAt: page.receivedAt }))));
  }

  const last = pages?.[pages.length - 1];
  const more = last ? last.data.cursor !== '0' : false;
  const { size, setSize, mutate } = result;
  // Our own timer re-reads every loaded page: SWR's refreshInterval did not fire again for infinite pages here.
  useEffect(() => {
    if (paused || scanning) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void mutate();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [paused, scanning, intervalMs, mutate]);
  const autoScanning = stillScanning(pages, filter.match, autoPages);
  if (autoScanning !== scanning) setScanning(autoScanning);
  useEffect(() => {
    // SWR's page count, not React state: the next page is asked for once the last one has arrived.
    if (autoScanning && (pages?.length ?? 0) === size) void setSize(size + 1);
  }, [autoScanning, pages?.length, size, setSize]);

  return {
    keys: [...ledger.values()],
    /** Changes only when a listing arrives (a stable identity, unlike `keys`). */
    ledger,
    more,
    /** Pages read so far, and whether the filter is still scanning by itself. */
    pagesRead: pages?.length ?? 0,
    autoScanning,
    scanCalls: (pages ?? []).reduce((sum, page) => sum + page.data.scanCalls, 0),
    loading: result.isLoading,
    loadingMore: result.isValidating && result.size > (pages?.length ?? 0),
    error: result.error as Error | undefined,
    scanFurther: () => result.setSize(result.size + 1),
    refresh: () => mutate(),
  };
}

/** A text filter with no match yet, more keyspace to walk and pages left before the limit. */
function stillScanning(pages: readonly Received<KeyPage>[] | undefined, match: string, autoPages: number): boolean {
  if (match === '' || !pages || pages.length === 0 || pages.length >= autoPages) return false;
  const last = pages[pages.length - 1];
  return last !== undefined && last.data.cursor !== '0' && pages.every((page) => page.data.keys.length === 0);
}
