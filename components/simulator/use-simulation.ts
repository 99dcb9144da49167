'use client';

import { useState } from 'react';
import useSWR, { useSWRConfig } from 'swr';
import type { SimulationSnapshot } from '@/lib/features/simulator/types';
import { ApiRequestError, apiData, fetchData } from '../api/client';

/** Polls a run twice a second while it runs; finds the latest run again after a reload. */
export function useSimulation() {
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { mutate } = useSWRConfig();
  const latest = useSWR<SimulationSnapshot | null>(chosenId ? null : '/api/simulations', fetchData, { revalidateOnFocus: false });
  const id = chosenId ?? latest.data?.id ?? null;
  const run = useSWR<SimulationSnapshot>(id ? `/api/simulations/${id}` : null, fetchData, {
    refreshInterval: (snapshot) => (snapshot?.status === 'running' ? 500 : 0),
    revalidateOnFocus: false,
  });

  const start = async (body: unknown) => {
    setProblem(null);
    try {
      const started = await apiData<SimulationSnapshot>('/api/simulations', { method: 'POST', json: body });
      await mutate(`/api/simulations/${started.id}`, started, { revalidate: false });
      setChosenId(started.id);
    } catch (error) {
      setProblem((error as Error).message);
      // Someone else's run is going: show it, so it can be watched or cancelled.
      if (error instanceof ApiRequestError && error.status === 409) {
        setChosenId(null);
        await latest.mutate();
      }
    }
  };

  const cancel = async () => {
    if (!id) return;
    try {
      await run.mutate(await apiData<SimulationSnapshot>(`/api/simulations/${id}`, { method: 'DELETE' }), { revalidate: false });
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  return { snapshot: run.data ?? null, problem, start, cancel };
}
