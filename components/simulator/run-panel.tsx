'use client';

import { useMemo } from 'react';
import { formatCount, formatLatency } from '@/lib/shared/format';
import type { PhaseSnapshot, SimulationConfig, SimulationSnapshot, SimulationStatus } from '@/lib/features/simulator/types';
import { theoreticalCurve } from '@/lib/workload/zipf';
import { HitRatioChart, LatencyHistogramChart, PHASE_COLOURS } from './charts';
import { PhaseFigures } from './phase-figures';

const STATUS_STYLES: Record<SimulationStatus, string> = {
  running: 'bg-indigo-100 text-indigo-800 ring-indigo-600/30',
  done: 'bg-emerald-100 text-emerald-800 ring-emerald-600/30',
  cancelled: 'bg-amber-100 text-amber-900 ring-amber-600/30',
  failed: 'bg-rose-100 text-rose-800 ring-rose-600/30',
};

/** A run while it goes and after: progress, live figures, the hit-ratio curve, the comparison. */
export function RunPanel({ snapshot, onCancel }: { snapshot: SimulationSnapshot; onCancel: () => void }) {
  const { config, phases, status } = snapshot;
  const requests = phases[0]?.planned ?? 0;
  const theory = useMemo(
    () => (config.distribution === 'burst' || requests === 0 ? null : theoreticalCurve(config.inputs, config.distribution === 'zipf' ? config.s : 0, requests)),
    [config.distribution, config.inputs, config.s, requests],
  );
  const cachedPhases = phases.filter((phase) => phase.mode === 'cache');
  const compared = phases.length > 1;

  return (
    <section aria-labelledby="run-title" className="space-y-5 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="run-title" className="text-lg font-bold text-slate-900">
          {status === 'running' ? 'Live figures' : 'Result'}
        </h2>
        <span data-testid="run-status" className={`rounded-md px-2 py-0.5 text-sm font-bold uppercase ring-1 ring-inset ${STATUS_STYLES[status]}`}>
          {status}
        </span>
        {status === 'running' && (
          <button type="button" onClick={onCancel} className="ml-auto rounded-lg border border-rose-300 bg-white px-3 py-1.5 text-sm font-semibold text-rose-700 hover:bg-rose-50">
            Cancel run
          </button>
        )}
      </div>
      <p className="text-sm text-slate-600">{describe(config)}</p>
      {snapshot.message && (
        <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm font-medium text-rose-800">
          {snapshot.message}
        </p>
      )}

      <div className="space-y-3">
        {phases.map((phase, index) => (
          <PhaseProgress key={phase.label} phase={phase} colour={PHASE_COLOURS[index] ?? PHASE_COLOURS[0]} active={status === 'running' && index === snapshot.phase} finished={status === 'done'} />
        ))}
      </div>

      <div className={`grid gap-6 ${compared ? 'lg:grid-cols-2' : ''}`}>
        {phases.map((phase, index) => (
          <div key={phase.label} className={compared ? 'rounded-xl border-t-4 bg-slate-50/50 p-3' : ''} style={compared ? { borderTopColor: PHASE_COLOURS[index] } : undefined}>
            {compared && <h3 className="mb-2 font-semibold text-slate-800">{capitalise(phase.label)}</h3>}
            <PhaseFigures phase={phase} testId={`phase-${index + 1}`} />
          </div>
        ))}
      </div>

      {cachedPhases.length > 0 && config.distribution !== 'burst' && (
        <figure>
          <figcaption className="mb-2 text-sm font-semibold text-slate-800">Hit ratio after k requests (k across), measured against theory</figcaption>
          <HitRatioChart phases={cachedPhases} theory={theory} requests={requests} />
          <p className="mt-1 text-sm text-slate-600">
            Theory: a cache that never drops an entry misses each input once, so after k requests the hit ratio is 1 − E[distinct inputs]/k. Measured
            early points sit a little lower: requests that arrive while their key is still being computed are not hits.
          </p>
        </figure>
      )}
      {compared && (
        <figure>
          <figcaption className="mb-2 text-sm font-semibold text-slate-800">Latency distribution, share of requests per bucket</figcaption>
          <LatencyHistogramChart phases={phases} />
        </figure>
      )}
    </section>
  );
}

function PhaseProgress({ phase, colour, active, finished }: { phase: PhaseSnapshot; colour: string; active: boolean; finished: boolean }) {
  const share = phase.planned > 0 ? Math.min(1, phase.completed / phase.planned) : 0;
  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
        <span className="font-semibold text-slate-800">
          {active && <span className="mr-1.5 inline-block size-2 animate-pulse rounded-full bg-indigo-500 align-middle" aria-hidden />}
          {capitalise(phase.label)}
        </span>
        <span className="tabular-nums text-slate-600">
          {formatCount(phase.completed)} / {formatCount(phase.planned)} requests · {formatLatency(phase.elapsedMs)}
        </span>
      </div>
      <div
        className="mt-1 h-3 overflow-hidden rounded-full bg-slate-200"
        role="progressbar"
        aria-label={`Progress: ${phase.label}`}
        aria-valuemin={0}
        aria-valuemax={phase.planned}
        aria-valuenow={phase.completed}
      >
        <div className="h-full rounded-full transition-[width] duration-500" style={{ width: `${share * 100}%`, backgroundColor: colour }} />
      </div>
      {finished && phase.sent < phase.planned && (
        <p className="mt-1 text-sm text-amber-800">
          {formatCount(phase.planned - phase.sent)} requests were not sent: the users fell behind (more users, a lower rate or a shorter compute delay would keep up).
        </p>
      )}
    </div>
  );
}

function describe(config: SimulationConfig): string {
  const traffic =
    config.distribution === 'burst'
      ? `hot-key burst of ${formatCount(config.users)} requests`
      : `${config.distribution === 'zipf' ? `Zipf s = ${config.s}` : 'uniform'} over ${formatCount(config.inputs)} inputs, ${formatCount(config.users)} users, ${formatCount(config.rps)} requests/s for ${config.durationSeconds} s`;
  const delay = config.computeDelayMs === undefined ? 'real compute delay' : `compute ${formatLatency(config.computeDelayMs)}`;
  const ttl = config.ttlSeconds === undefined ? '' : ` · TTL ${config.ttlSeconds} s`;
  return `${config.scenario} · ${traffic} · ${delay}${ttl} · seed ${config.seed}`;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
