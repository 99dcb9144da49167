'use client';

import useSWRInfinite from 'swr/infinite';
import type { KeyInfo, KeyPage } from '@/lib/dashboard-types';
import { fetchData, type Received } from './fetch-data';

/** Differences smaller than this between two reads of one key are network delay, not a new expiry. */
const EXPIRY_JITTER_MS = 3000;
const expiries = new Map<string, number>();

/**
 * The moment a key expires, in this browser's clock, kept steady across refreshes: each read
 * is `arrival + remaining TTL`, which wobbles with the response time and would make the
 * countdown stall or jump. A key written again (a new expiry) moves it for real.
 */
function steadyExpiry(key: string, ttlMs: number, receivedAt: number): number {
  const estimate = receivedAt + ttlMs;
  const known = expiries.get(key);
  // The fastest answer is the truest: keep the earliest estimate of one expiry.
  const steady = known !== undefined && Math.abs(known - estimate) < EXPIRY_JITTER_MS ? Math.min(known, estimate) : estimate;
  if (expiries.size > 10_000) forgetExpired(receivedAt);
  expiries.set(key, steady);
  return steady;
}

function forgetExpired(now: number) {
  for (const [key, at] of expiries) if (at < now) expiries.delete(key);
}

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
      keys.push({ ...key, expiresAt: key.ttlMs === null ? null : steadyExpiry(key.key, key.ttlMs, receivedAt) });
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
