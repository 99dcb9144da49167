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

type State<R> =
  | { phase: 'idle' }
  | { phase: 'loading'; label: string; startedAt: number }
  | { phase: 'done'; label: string; response: R }
  | { phase: 'error'; label: string; message: string };

const HISTORY_LENGTH = 8;

/** What one response adds to the history: one entry per cache lookup it made. */
export type Summarise<R> = (response: R, label: string) => Array<Pick<HistoryEntry, 'label' | 'status' | 'latencyMs'>>;

const oneLookup: Summarise<ScenarioResponse<unknown>> = (response, label) => [{ label, status: response.cache.status, latencyMs: response.cache.latencyMs }];

/**
 * Sends a scenario request, tracks its progress and keeps this visitor's recent history.
 * `R` is the response body; a response that is not the one-lookup `ScenarioResponse` passes
 * its own `summarise` (weather answers two lookups at once).
 */
export function useScenarioRequest<V, R = ScenarioResponse<V>>(summarise: Summarise<R> = oneLookup as Summarise<R>) {
  const [state, setState] = useState<State<R>>({ phase: 'idle' });
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
      const result = body as R;
      setState({ phase: 'done', label, response: result });
      const entries = summarise(result, label).map((entry) => ({ ...entry, id: nextId.current++, at: Date.now() }));
      setHistory((previous) => [...entries, ...previous].slice(0, HISTORY_LENGTH));
    } catch {
      setState({ phase: 'error', label, message: 'The server did not answer. Is the app still running?' });
    }
  }, [summarise]);

  return { state, history, run, reset: () => setState({ phase: 'idle' }) };
}

export function errorMessage(body: unknown, status: number): string {
  const error = (body as Partial<ApiErrorBody> | null)?.error;
  return error?.message ? error.message : `The server answered ${status}.`;
}

/**
 * DELETE a cache entry (identified by the URL, or by a JSON body); resolves to a sentence
 * for the UI (AdminTokenRequired goes to useAdminAction).
 */
export async function invalidateEntry(url: string, payload?: unknown): Promise<string> {
  try {
    const init: RequestInit = payload === undefined ? {} : { body: JSON.stringify(payload), headers: { 'content-type': 'application/json' } };
    const response = await adminFetch(url, { method: 'DELETE', ...init });
    const body: unknown = await response.json();
    if (!response.ok) return errorMessage(body, response.status);
    const deleted = (body as { data?: { deleted?: boolean } }).data?.deleted;
    return deleted ? 'Entry deleted: the next request is a miss.' : 'Nothing to delete: the entry had already expired.';
  } catch (error) {
    if (error instanceof AdminTokenRequired) throw error;
    return 'The server did not answer.';
  }
}
