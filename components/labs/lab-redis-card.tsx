'use client';

import type { LabStatus } from '@/lib/features/labs/types';

/** Where the lab Redis is, or why there is none and how to get one. */
export function LabRedisCard({ status, error }: { status: LabStatus | null; error?: Error }) {
  if (error) return <p className="rounded-xl border border-rose-200 bg-rose-50 p-4 text-rose-900">Could not ask the server about the lab Redis: {error.message}</p>;
  if (!status) return <p className="rounded-xl border border-slate-200 bg-white p-4 text-slate-600">Looking for the lab Redis…</p>;
  if (!status.available) {
    return (
      <div className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950" data-testid="no-lab-redis">
        <p className="font-semibold">No lab Redis: the labs are off.</p>
        <p className="mt-1 text-sm">{status.reason}</p>
        <p className="mt-1 text-sm">
          Either install <code className="font-mono">redis-server</code> (<code className="font-mono">apt-get install redis-server</code>) and restart: Cache Lab then
          starts a private one on a free loopback port. Or point <code className="font-mono">LAB_REDIS_URL</code> at a Redis that may be reconfigured and flushed
          (with Docker: <code className="font-mono">docker compose up redis-lab</code>, then <code className="font-mono">LAB_REDIS_URL=redis://127.0.0.1:6380</code>). Never
          the Redis your cache uses.
        </p>
      </div>
    );
  }
  return (
    <p className="rounded-xl border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700" data-testid="lab-redis">
      <span className="font-semibold text-slate-900">Lab Redis</span> at <code className="font-mono">{status.address}</code>
      {status.version && <> (Redis {status.version})</>}, {status.owned ? 'started by this app and stopped with it' : 'named by LAB_REDIS_URL'}.{' '}
      {!status.running && <strong className="text-rose-700">It is stopped (failure lab). </strong>}
      {status.busy ? <strong>Busy: {status.busy.kind === 'eviction' ? 'an eviction run' : 'failure-lab traffic'} is using it.</strong> : 'Idle.'} Your cache&apos;s own Redis is never touched.
    </p>
  );
}
