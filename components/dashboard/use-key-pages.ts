'use client';

import useSWRInfinite from 'swr/infinite';
import type { KeyInfo, KeyPage } from '@/lib/dashboard-types';
import { fetchData, type Received } from './fetch-data';

export interface ListedKey extends KeyInfo {
  /** In this browser's clock; null = no expiry. */
  expiresAt: number | null;
}

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
  const result = useSWRInfinite<Received<KeyPage>>(getKey, fetchData<KeyPage>, {
    refreshInterval: paused ? 0 : intervalMs,
    refreshWhenHidden: false,
    revalidateAll: true,
    keepPreviousData: true,
  });
  const pages = result.data ?? [];
  const seen = new Set<string>();
  const keys: ListedKey[] = [];
  for (const { data, receivedAt } of pages) {
    for (const key of data.keys) {
      // SCAN may return a key twice across pages (the table can be resized mid-walk).
      if (seen.has(key.key)) continue;
      seen.add(key.key);
      keys.push({ ...key, expiresAt: key.ttlMs === null ? null : receivedAt + key.ttlMs });
    }
  }
  const last = pages[pages.length - 1];
  return {
    keys,
    more: last ? last.data.cursor !== '0' : false,
    scanCalls: pages.reduce((sum, page) => sum + page.data.scanCalls, 0),
    loading: result.isLoading,
    loadingMore: result.isValidating && result.size > pages.length,
    error: result.error as Error | undefined,
    scanFurther: () => result.setSize(result.size + 1),
    refresh: () => result.mutate(),
  };
}
