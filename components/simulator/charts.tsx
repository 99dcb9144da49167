'use client';

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { bucketLabel } from '@/lib/cache/histogram';
import { formatPercent } from '@/lib/format';
import type { PhaseSnapshot } from '@/lib/simulator/types';
import type { HitRatioPoint } from '@/lib/simulator/zipf';

/** Phase colours: first run indigo, the comparison amber; theory a dashed slate line. */
export const PHASE_COLOURS = ['#4f46e5', '#d97706'] as const;
const TICK = { fontSize: 13, fill: '#475569' } as const;
const GRID = '#e2e8f0';
const percentTick = (share: number) => `${Math.round(share * 100)} %`;

/** Cumulative hit ratio as requests complete, beside what theory expects for the same N and s. */
export function HitRatioChart({ phases, theory, requests }: { phases: PhaseSnapshot[]; theory: HitRatioPoint[] | null; requests: number }) {
  return (
    <LineChart responsive style={{ width: '100%', height: 280 }} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
      <CartesianGrid stroke={GRID} />
      <XAxis type="number" dataKey="k" domain={[0, requests]} tick={TICK} allowDuplicatedCategory={false} />
      <YAxis type="number" domain={[0, 1]} tickFormatter={percentTick} tick={TICK} width={56} />
      <Tooltip formatter={(value) => formatPercent(Number(value))} labelFormatter={(k) => `after ${k} requests`} />
      <Legend wrapperStyle={{ fontSize: 13 }} />
      {theory && <Line data={theory} dataKey="hitRatio" name="theory (nothing expires)" stroke="#64748b" strokeDasharray="6 4" strokeWidth={2} dot={false} isAnimationActive={false} />}
      {phases.map((phase, index) => (
        <Line key={phase.label} data={phase.series} dataKey="hitRatio" name={`measured, ${phase.label}`} stroke={PHASE_COLOURS[index]} strokeWidth={3} dot={false} isAnimationActive={false} />
      ))}
    </LineChart>
  );
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
  return (
    <BarChart responsive data={data} style={{ width: '100%', height: 280 }} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
      <CartesianGrid stroke={GRID} vertical={false} />
      <XAxis dataKey="bucket" tick={TICK} interval="preserveStartEnd" />
      <YAxis tickFormatter={percentTick} tick={TICK} width={56} />
      <Tooltip formatter={(value) => formatPercent(Number(value))} />
      <Legend wrapperStyle={{ fontSize: 13 }} />
      {phases.map((phase, index) => (
        <Bar key={phase.label} dataKey={phase.label} fill={PHASE_COLOURS[index]} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}
