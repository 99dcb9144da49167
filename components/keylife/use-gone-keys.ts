'use client';

import useSWR from 'swr';
import { useCallback, useState } from 'react';
import type { KeyEvent, NotificationStatus } from '@/lib/features/keylife/types';
import { fetchReceived } from '../dashboard/fetch-data';
import { goneReason } from './describe';
import { useKeyEvents } from './key-events';

/** How long a key that went stays on screen with its reason. */
export const GONE_LINGER_MS = 5000;

export interface Gone {
  reason: string;
  /** This browser's clock. */
  at: number;
}

/**
 * Why keys left (expired by Redis with its lag, evicted, invalidated), from the pushed stream,
 * for GONE_LINGER_MS. `reportsExpiry`: this backend tells when Redis removes a key, so a key
 * whose TTL reached zero can wait on screen for it instead of fading at once.
 */
export function useGoneKeys(): { gone: ReadonlyMap<string, Gone>; reportsExpiry: boolean } {
  const [gone, setGone] = useState<ReadonlyMap<string, Gone>>(new Map());
  const { data } = useSWR('/api/keys/notifications', fetchReceived<NotificationStatus>, { refreshInterval: 30_000 });
  const onEvent = useCallback((event: KeyEvent) => {
    const reason = goneReason(event);
    setGone((current) => {
      const now = Date.now();
      const next = new Map([...current].filter(([, entry]) => now - entry.at < GONE_LINGER_MS));
      if (reason) next.set(event.key, { reason, at: now });
      else if (event.type === 'stored' || event.type === 'overwritten') next.delete(event.key);
      return next;
    });
  }, []);
  useKeyEvents({ onEvent });
  const status = data?.data;
  return { gone, reportsExpiry: status !== undefined && status.listening && !status.unavailable.includes('expired') };
}
