import { STATUSES } from '@/lib/cache/types';
import { formatCount, formatDuration, formatLatency, formatPercent } from '@/lib/shared/format';
import type { PhaseSnapshot } from '@/lib/features/simulator/types';
import { CacheBadge } from '../scenario/cache-badge';

/** The figures of one phase: what a class reads off the projector. */
export function PhaseFigures({ phase, testId }: { phase: PhaseSnapshot; testId?: string }) {
  const latency = phase.latency;
  return (
    <div data-testid={testId} className="@container min-w-0">
      <p className="text-2xl font-bold text-slate-900 @lg:text-3xl">
        <span className="tabular-nums">{formatCount(phase.completed)}</span> requests →{' '}
        <span className="tabular-nums text-indigo-700" data-testid="computations">
          {formatCount(phase.computations)}
        </span>{' '}
        {phase.computations === 1 ? 'computation' : 'computations'}
      </p>
      <dl className="mt-3 grid grid-cols-2 gap-2 text-sm @lg:grid-cols-3">
        <Figure label="Hit ratio" value={formatPercent(phase.hitRatio)} testId="hit-ratio" strong />
        <Figure label="Requests" value={`${formatCount(phase.completed)} / ${formatCount(phase.planned)}`} />
        <Figure label="Compute time saved" value={formatDuration(phase.savedMs)} />
        <Figure label="p50 latency" value={latency ? formatLatency(latency.p50) : '—'} />
        <Figure label="p95 latency" value={latency ? formatLatency(latency.p95) : '—'} />
        <Figure label="p99 latency" value={latency ? formatLatency(latency.p99) : '—'} />
      </dl>
      <ul className="mt-3 flex flex-wrap gap-x-3 gap-y-1.5 text-sm" aria-label="Requests by cache status">
        {STATUSES.filter((status) => phase.counts[status] > 0).map((status) => (
          <li key={status} className="flex items-center gap-1.5">
            <CacheBadge status={status} />
            <span className="tabular-nums font-semibold text-slate-800">{formatCount(phase.counts[status])}</span>
          </li>
        ))}
        {phase.failed > 0 && <li className="font-semibold text-rose-700">{formatCount(phase.failed)} failed</li>}
      </ul>
    </div>
  );
}

function Figure({ label, value, testId, strong = false }: { label: string; value: string; testId?: string; strong?: boolean }) {
  return (
    <div className={`rounded-lg px-3 py-2 ${strong ? 'bg-indigo-50 ring-1 ring-indigo-200' : 'bg-slate-50'}`}>
      <dt className="text-sm font-medium uppercase tracking-wide text-slate-600">{label}</dt>
      <dd className={`font-semibold tabular-nums ${strong ? 'text-xl text-indigo-800' : 'text-slate-900'}`} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
