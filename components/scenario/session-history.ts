'use client';

import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { STATUSES } from '@/lib/cache/types';
import type { CacheStatus } from '@/lib/contracts/scenario';

export interface HistoryEntry {
  id: number;
  at: number;
  label: string;
  status: CacheStatus;
  latencyMs: number;
}

export const HISTORY_LENGTH = 8;

/** Reads what a tab stored; anything damaged or from an older version is dropped, never shown. */
export function parseHistory(raw: string | null): HistoryEntry[] {
  if (raw === null) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isEntry).slice(0, HISTORY_LENGTH) : [];
  } catch {
    return [];
  }
}

function isEntry(value: unknown): value is HistoryEntry {
  const entry = value as Partial<HistoryEntry> | null;
  return (
    typeof entry === 'object' && entry !== null &&
    Number.isFinite(entry.id) && Number.isFinite(entry.at) && Number.isFinite(entry.latencyMs) &&
    typeof entry.label === 'string' && (STATUSES as readonly unknown[]).includes(entry.status)
  );
}

/** Newest first (one response's lookups in their own order), at most HISTORY_LENGTH; ids continue after the highest kept. */
export function addToHistory(history: HistoryEntry[], added: Array<Omit<HistoryEntry, 'id'>>): HistoryEntry[] {
  let id = history.reduce((highest, entry) => Math.max(highest, entry.id), 0);
  const numbered = added.map((entry) => ({ ...entry, id: ++id }));
  return [...numbered, ...history].slice(0, HISTORY_LENGTH);
}

const listeners = new Set<() => void>();
function subscribe(onChange: () => void) {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

/**
 * "Your last requests" of one page, kept in this tab's sessionStorage so Back and reload
 * find them again (a new tab starts empty, as a new visitor would).
 */
export function useSessionHistory(storageKey: string) {
  const key = `cachelab.history.${storageKey}`;
  const raw = useSyncExternalStore(subscribe, () => sessionStorage.getItem(key), () => null);
  const history = useMemo(() => parseHistory(raw), [raw]);
  const add = useCallback(
    (entries: Array<Omit<HistoryEntry, 'id'>>) => {
      sessionStorage.setItem(key, JSON.stringify(addToHistory(parseHistory(sessionStorage.getItem(key)), entries)));
      listeners.forEach((listener) => listener());
    },
    [key],
  );
  return { history, add };
}
