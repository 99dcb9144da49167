'use client';

import { useState } from 'react';
import useSWRInfinite from 'swr/infinite';
import type { KeyPage } from '@/lib/dashboard-types';
import { fetchReceived, type Received } from './fetch-data';
import { mergeListing, type KeyLedger } from './key-ledger';

/**
 * The key browser's pages, each one bounded SCAN walk continuing from the previous
 * page's cursor. Every loaded page is re-read every `intervalMs` so new keys appear
 * and deleted ones go; the countdowns tick in between without asking the server.
 */
export function useKeyPages(filter: { scenario: string; match: string }, intervalMs: number, paused: boolean) {
  const getKey = (index: number, previous: Received<KeyPage> | null) => {
    if (previous && previous.data.cursor === '0') return null;
    const cursor = index === 0 || !previous ? '0' : previous.data.cursor;
    return `/api/keys?${new URLSearchParams({ scenario: filter.scenario, match: filter.match, cursor })}`;
  };
  const result = useSWRInfinite<Received<KeyPage>>(getKey, fetchReceived<KeyPage>, {
    refreshInterval: paused ? 0 : intervalMs,
    refreshWhenHidden: false,
    revalidateAll: true,
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
  return {
    keys: [...ledger.values()],
    more: last ? last.data.cursor !== '0' : false,
    scanCalls: (pages ?? []).reduce((sum, page) => sum + page.data.scanCalls, 0),
    loading: result.isLoading,
    loadingMore: result.isValidating && result.size > (pages?.length ?? 0),
    error: result.error as Error | undefined,
    scanFurther: () => result.setSize(result.size + 1),
    refresh: () => result.mutate(),
  };
}
