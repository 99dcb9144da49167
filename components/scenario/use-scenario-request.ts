'use client';

import { useCallback, useState } from 'react';
import type { ScenarioResponse } from '@/lib/contracts/scenario';
import { apiData } from '../api/client';
import { useSessionHistory, type HistoryEntry } from './session-history';

export type { HistoryEntry };

type State<R> =
  | { phase: 'idle' }
  | { phase: 'loading'; label: string; startedAt: number }
  /** `invalidated`: the visitor deleted the entry since; the card must no longer claim it is cached. */
  | { phase: 'done'; label: string; response: R; invalidated: boolean; waitedMs: number }
  | { phase: 'error'; label: string; message: string };

/** What one response adds to the history: one entry per cache lookup it made. */
export type Summarise<R> = (response: R, label: string) => Array<Pick<HistoryEntry, 'label' | 'status' | 'latencyMs'>>;

const oneLookup: Summarise<ScenarioResponse<unknown>> = (response, label) => [{ label, status: response.cache.status, latencyMs: response.cache.latencyMs }];

/**
 * Sends a scenario request, tracks its progress and keeps this visitor's recent history
 * (per page, `historyKey`, surviving Back and reload). `R` is the response body; a response
 * that is not the one-lookup `ScenarioResponse` passes its own `summarise` (weather answers two
 * lookups at once).
 */
export function useScenarioRequest<V, R = ScenarioResponse<V>>(historyKey: string, summarise: Summarise<R> = oneLookup as Summarise<R>) {
  const [state, setState] = useState<State<R>>({ phase: 'idle' });
  const { history, add } = useSessionHistory(historyKey);

  const run = useCallback(
    async (label: string, request: () => Promise<R>) => {
      setState({ phase: 'loading', label, startedAt: Date.now() });
      const started = performance.now();
      try {
        const result = await request();
        // The browser's own wait: the server's time plus the network and the browser's work.
        setState({ phase: 'done', label, response: result, invalidated: false, waitedMs: performance.now() - started });
        add(summarise(result, label).map((entry) => ({ ...entry, at: Date.now() })));
      } catch (error) {
        setState({ phase: 'error', label, message: (error as Error).message });
      }
    },
    [summarise, add],
  );

  /** After a successful invalidation: the card keeps the answer but drops HIT and the countdown. */
  const markInvalidated = useCallback(() => setState((current) => (current.phase === 'done' ? { ...current, invalidated: true } : current)), []);

  return { state, history, run, markInvalidated };
}

/**
 * DELETE a cache entry (identified by the URL, or by a JSON body); resolves to a sentence for
 * the UI and whether the entry is gone now (deleted, or had already expired).
 */
export async function invalidateEntry(url: string, payload?: unknown): Promise<{ gone: boolean; note: string }> {
  try {
    const { deleted } = await apiData<{ deleted: boolean }>(url, { method: 'DELETE', json: payload });
    return { gone: true, note: deleted ? 'Entry deleted: the next request is a miss.' : 'Nothing to delete: the entry had already expired.' };
  } catch (error) {
    return { gone: false, note: (error as Error).message };
  }
}
