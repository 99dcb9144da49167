'use client';

import { useSyncExternalStore } from 'react';
import useSWR from 'swr';
import { fetchReceived, type Received } from './fetch-data';

function subscribe(onChange: () => void) {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

/** Whether this tab is visible; polling stops while it is not, and the indicator says so. */
export function useTabVisible(): boolean {
  return useSyncExternalStore(subscribe, () => document.visibilityState === 'visible', () => true);
}

/**
 * Polls an endpoint every `intervalMs` while the tab is visible and the dashboard is not
 * paused, keeping the last answer on screen while a new one (or an error) arrives.
 */
export function useLive<T>(url: string | null, intervalMs: number, paused: boolean) {
  return useSWR<Received<T>>(url, fetchReceived<T>, {
    refreshInterval: paused ? 0 : intervalMs,
    refreshWhenHidden: false,
    revalidateOnFocus: !paused,
    keepPreviousData: true,
    dedupingInterval: Math.min(500, intervalMs / 2),
    errorRetryInterval: intervalMs * 2,
  });
}
