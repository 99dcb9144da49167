'use client';

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { bucketLabel } from '@/lib/cache/histogram';
import { formatPercent } from '@/lib/shared/format';
import type { PhaseSnapshot } from '@/lib/features/simulator/types';
import type { HitRatioPoint } from '@/lib/workload/zipf';
import { FiguresTable } from '../figures-table';

/** Phase colours: first run indigo, the comparison amber; theory a dashed slate line. */
export const PHASE_COLOURS = ['#4f46e5', '#d97706'] as const;
const TICK = { fontSize: 14, fill: '#475569' } as const;
const GRID = '#e2e8f0';
const percentTick = (share: number) => `${Math.round(share * 100)} %`;

/** Cumulative hit ratio as requests complete, beside what theory expects for the same N and s. */
export function HitRatioChart({ phases, theory, requests }: { phases: PhaseSnapshot[]; theory: HitRatioPoint[] | null; requests: number }) {
  return (
    <>
    <LineChart responsive style={{ width: '100%', height: 280 }} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
      <CartesianGrid stroke={GRID} />
      <XAxis type="number" dataKey="k" domain={[0, requests]} tick={TICK} allowDuplicatedCategory={false} />
      <YAxis type="number" domain={[0, 1]} tickFormatter={percentTick} tick={TICK} width={56} />
      <Tooltip formatter={(value) => formatPercent(Number(value))} labelFormatter={(k) => `after ${k} requests`} />
      <Legend wrapperStyle={{ fontSize: 14 }} />
      {theory && <Line data={theory} dataKey="hitRatio" name="theory (nothing expires)" stroke="#64748b" strokeDasharray="6 4" strokeWidth={2} dot={false} isAnimationActive={false} />}
      {phases.map((phase, index) => (
        <Line key={phase.label} data={phase.series} dataKey="hitRatio" name={`measured, ${phase.label}`} stroke={PHASE_COLOURS[index]} strokeWidth={3} dot={false} isAnimationActive={false} />
      ))}
    </LineChart>
    <FiguresTable title="Hit ratio after k requests" table={hitRatioTable(phases, theory)} />
    </>
  );
}

/** About ten rows: the hit ratio after k requests, measured per phase and in theory. */
function hitRatioTable(phases: PhaseSnapshot[], theory: HitRatioPoint[] | null) {
  const longest = Math.max(0, ...phases.map((phase) => phase.series.length));
  const every = Math.max(1, Math.ceil(longest / 10));
  const at = (points: readonly HitRatioPoint[] | null | undefined, k: number) => {
    const point = points?.findLast((candidate) => candidate.k <= k);
    return point ? formatPercent(point.hitRatio) : '—';
  };
  const ks = (phases[0]?.series ?? []).filter((_, index, all) => index % every === every - 1 || index === all.length - 1).map((point) => point.k);
  return {
    head: ['After k requests', ...phases.map((phase) => `Measured, ${phase.label}`), ...(theory ? ['Theory'] : [])],
    rows: ks.map((k) => [String(k), ...phases.map((phase) => at(phase.series, k)), ...(theory ? [at(theory, k)] : [])]),
  };
}

/** Share of each phase's requests per latency bucket (log-scale buckets of lib/cache/histogram.ts). */
export function LatencyHistogramChart({ phases }: { phases: PhaseSnapshot[] }) {
  const used = phases.flatMap((phase) => phase.histogram.flatMap((count, bucket) => (count > 0 ? [bucket] : [])));
  if (used.length === 0) return <p className="text-sm text-slate-600">No requests measured yet.</p>;
  const [first, last] = [Math.min(...used), Math.max(...used)];
  const data = Array.from({ length: last - first + 1 }, (_, offset) => {
    const bucket = first + offset;
    const row: Record<string, number | string> = { bucket: bucketLabel(bucket) };
    for (const phase of phases) row[phase.label] = phase.completed > 0 ? (phase.histogram[bucket] ?? 0) / phase.completed : 0;
    return row;
  });
  const table = { head: ['Latency', ...phases.map((phase) => phase.label)], rows: data.map((row) => [String(row.bucket), ...phases.map((phase) => formatPercent(Number(row[phase.label])))]) };
  return (
    <>
    <BarChart responsive data={data} style={{ width: '100%', height: 280 }} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
      <CartesianGrid stroke={GRID} vertical={false} />
      <XAxis dataKey="bucket" tick={TICK} interval="preserveStartEnd" />
      <YAxis tickFormatter={percentTick} tick={TICK} width={56} />
      <Tooltip formatter={(value) => formatPercent(Number(value))} />
      <Legend wrapperStyle={{ fontSize: 14 }} />
      {phases.map((phase, index) => (
        <Bar key={phase.label} dataKey={phase.label} fill={PHASE_COLOURS[index]} isAnimationActive={false} />
      ))}
    </BarChart>
    <FiguresTable title="Latency per bucket" table={table} />
    </>
  );
}
