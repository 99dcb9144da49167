'use client';

import { EvictionForm, type EvictionLimits } from './eviction-form';
import { EvictionResults } from './eviction-results';
import { LabRedisCard } from './lab-redis-card';
import { useEvictionRun } from './use-lab-run';

export function EvictionLab({ limits }: { limits: EvictionLimits }) {
  const { status, statusError, snapshot, problem, start, cancel } = useEvictionRun();
  const available = status?.available ?? false;
  return (
    <div className="space-y-4">
      <LabRedisCard status={status} error={statusError} />
      {problem && (
        <p role="alert" className="rounded-xl border border-rose-200 bg-rose-50 p-4 text-rose-900">
          {problem}
        </p>
      )}
      <div className="grid min-w-0 gap-4 xl:grid-cols-[22rem_minmax(0,1fr)]">
        <EvictionForm limits={limits} busy={!available || snapshot?.status === 'running' || status?.busy !== null} onRun={(body) => void start(body)} />
        {snapshot ? (
          <EvictionResults snapshot={snapshot} onCancel={() => void cancel()} />
        ) : (
          <p className="rounded-2xl border border-dashed border-slate-300 p-6 text-slate-600">No run yet. The demo above runs LRU and LFU on the same 60,000 requests, in about half a minute.</p>
        )}
      </div>
    </div>
  );
}
