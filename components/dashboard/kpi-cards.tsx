import { memo, type ReactNode } from 'react';
import type { ScenarioFigures, ThroughputPoint } from '@/lib/contracts/dashboard';
import { formatCount, formatDuration, formatLatency, formatPercent, formatRate, formatSpeedup } from '@/lib/shared/format';

interface Props {
  total: ScenarioFigures;
  /** The last few seconds of the throughput series: "right now". */
  recent: readonly ThroughputPoint[];
}

/** Four figures big enough for the back of a classroom. */
export const KpiCards = memo(function KpiCards({ total, recent }: Props) {
  const { counts, latency } = total;
  const served = counts.hit + counts['near-hit'] + counts.stale;
  const lookups = served + counts.miss + counts.coalesced;
  const rate = recent.length > 0 ? recent.reduce((sum, point) => sum + Object.values(point.rates).reduce((all, value) => all + value, 0), 0) / recent.length : 0;
  const hitMean = latency.hit.meanMs;
  const missMean = latency.miss.meanMs;
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
      <Kpi label="Requests" value={formatCount(total.requests)} testId="kpi-requests">
        <span className="font-semibold text-slate-900">{formatRate(rate)}</span> right now
        {total.errors > 0 && <span className="text-rose-700"> · {formatCount(total.errors)} errors</span>}
      </Kpi>
      <Kpi label="Hit ratio" value={formatPercent(total.hitRatio)} testId="kpi-hit-ratio" accent="text-emerald-700">
        <span className="mt-1 block h-2 overflow-hidden rounded-full bg-rose-200" aria-hidden>
          <span className="block h-full origin-left rounded-full bg-emerald-500 transition-transform duration-500" style={{ transform: `scaleX(${total.hitRatio ?? 0})` }} />
        </span>
        <span className="mt-1 block">
          {formatCount(served)} of {formatCount(lookups)} lookups served from the cache{counts['near-hit'] > 0 && ` (${formatCount(counts['near-hit'])} from L1)`}
        </span>
      </Kpi>
      <Kpi label="Hit vs miss latency" value={hitMean === null ? '—' : formatLatency(hitMean)} testId="kpi-latency" accent="text-emerald-700">
        mean hit vs <span className="font-semibold text-rose-700">{missMean === null ? '—' : formatLatency(missMean)}</span> mean miss
        {hitMean !== null && missMean !== null && <span> · hits {formatSpeedup(missMean, hitMean)} faster</span>}
      </Kpi>
      <Kpi label="Compute time saved" value={formatDuration(total.computeSavedMs)} testId="kpi-saved" accent="text-indigo-700">
        {formatCount(counts.hit + counts['near-hit'])} hits × {total.meanComputeMs === null ? 'the compute time' : `${formatLatency(total.meanComputeMs)} mean compute`}
      </Kpi>
    </div>
  );
});

function Kpi({ label, value, children, testId, accent = 'text-slate-900' }: { label: string; value: string; children: ReactNode; testId: string; accent?: string }) {
  return (
    <div className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <p className="text-sm font-semibold tracking-wide text-slate-600 uppercase">{label}</p>
      <p data-testid={testId} className={`mt-1 text-4xl font-extrabold whitespace-nowrap tabular-nums ${accent}`}>
        {value}
      </p>
      <div className="mt-2 text-sm text-slate-600">{children}</div>
    </div>
  );
}
