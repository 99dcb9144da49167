'use client';

import { useEffect, useState } from 'react';
import useSWR from 'swr';
import type { EvictionSnapshot, LabStatus } from '@/lib/features/labs/types';
import { apiData, fetchData } from '../api/client';

/** The lab Redis's status, the latest eviction run (polled twice a second while it runs), and start/cancel. */
export function useEvictionRun() {
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const status = useSWR<LabStatus>('/api/labs', fetchData, { refreshInterval: 5000 });
  const latest = useSWR<EvictionSnapshot | null>(chosenId ? null : '/api/labs/eviction', fetchData, { revalidateOnFocus: false });
  const id = chosenId ?? latest.data?.id ?? null;
  const run = useSWR<EvictionSnapshot>(id ? `/api/labs/eviction/${id}` : null, fetchData, {
    refreshInterval: (snapshot) => (snapshot?.status === 'running' ? 500 : 0),
    revalidateOnFocus: false,
  });

  // The lab is free again once the run ends: say so at once, not at the next status poll.
  const runStatus = run.data?.status;
  const refreshStatus = status.mutate;
  useEffect(() => {
    if (runStatus !== undefined && runStatus !== 'running') void refreshStatus();
  }, [runStatus, refreshStatus]);

  // Lab mutations are admin actions: the API client asks for the token when the server wants it.
  const act = async (work: () => Promise<void>) => {
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
    await status.mutate();
  };

  const start = (body: unknown) =>
    act(async () => {
      const started = await apiData<EvictionSnapshot>('/api/labs/eviction', { method: 'POST', json: body });
      await run.mutate(started, { revalidate: false });
      setChosenId(started.id);
    });

  const cancel = () =>
    act(async () => {
      if (id) await run.mutate(await apiData<EvictionSnapshot>(`/api/labs/eviction/${id}`, { method: 'DELETE' }), { revalidate: false });
    });

  return { status: status.data ?? null, statusError: status.error as Error | undefined, snapshot: run.data ?? null, problem, start, cancel };
}
