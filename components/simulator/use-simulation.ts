'use client';

import { useState } from 'react';
import useSWR, { useSWRConfig } from 'swr';
import type { SimulationSnapshot } from '@/lib/simulator/types';
import { fetchData, sendJson } from './send-json';

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
    const sent = await sendJson<SimulationSnapshot>('/api/simulations', { method: 'POST', body: JSON.stringify(body) });
    if (sent.ok) {
      await mutate(`/api/simulations/${sent.data.id}`, sent.data, { revalidate: false });
      setChosenId(sent.data.id);
      return;
    }
    setProblem(sent.message);
    // Someone else's run is going: show it, so it can be watched or cancelled.
    if (sent.status === 409) {
      setChosenId(null);
      await latest.mutate();
    }
  };

  const cancel = async () => {
    if (!id) return;
    const sent = await sendJson<SimulationSnapshot>(`/api/simulations/${id}`, { method: 'DELETE' });
    if (sent.ok) await run.mutate(sent.data, { revalidate: false });
    else setProblem(sent.message);
  };

  return { snapshot: run.data ?? null, problem, start, cancel };
}
