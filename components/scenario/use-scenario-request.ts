'use client';

import { useCallback, useRef, useState } from 'react';
import type { ApiErrorBody, CacheStatus, ScenarioResponse } from '@/lib/api-types';
import { AdminTokenRequired, adminFetch } from '../admin-token';

export interface HistoryEntry {
  id: number;
  at: number;
  label: string;
  status: CacheStatus;
  latencyMs: number;
}

type State<V> =
  | { phase: 'idle' }
  | { phase: 'loading'; label: string; startedAt: number }
  | { phase: 'done'; label: string; response: ScenarioResponse<V> }
  | { phase: 'error'; label: string; message: string };

const HISTORY_LENGTH = 8;

/** Sends a scenario request, tracks its progress and keeps this visitor's recent history. */
export function useScenarioRequest<V>() {
  const [state, setState] = useState<State<V>>({ phase: 'idle' });
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const nextId = useRef(1);

  const run = useCallback(async (label: string, send: () => Promise<Response>) => {
    setState({ phase: 'loading', label, startedAt: Date.now() });
    try {
      const response = await send();
      const body: unknown = await response.json();
      if (!response.ok) {
        setState({ phase: 'error', label, message: errorMessage(body, response.status) });
        return;
      }
      const result = body as ScenarioResponse<V>;
      setState({ phase: 'done', label, response: result });
      const entry = { id: nextId.current++, at: Date.now(), label, status: result.cache.status, latencyMs: result.cache.latencyMs };
      setHistory((previous) => [entry, ...previous].slice(0, HISTORY_LENGTH));
    } catch {
      setState({ phase: 'error', label, message: 'The server did not answer. Is the app still running?' });
    }
  }, []);

  return { state, history, run, reset: () => setState({ phase: 'idle' }) };
}

export function errorMessage(body: unknown, status: number): string {
  const error = (body as Partial<ApiErrorBody> | null)?.error;
  return error?.message ? error.message : `The server answered ${status}.`;
}

/** DELETE a cache entry; resolves to a sentence for the UI (AdminTokenRequired goes to useAdminAction). */
export async function invalidateEntry(url: string): Promise<string> {
  try {
    const response = await adminFetch(url, { method: 'DELETE' });
    const body: unknown = await response.json();
    if (!response.ok) return errorMessage(body, response.status);
    const deleted = (body as { data?: { deleted?: boolean } }).data?.deleted;
    return deleted ? 'Entry deleted: the next request is a miss.' : 'Nothing to delete: the entry had already expired.';
  } catch (error) {
    if (error instanceof AdminTokenRequired) throw error;
    return 'The server did not answer.';
  }
}
