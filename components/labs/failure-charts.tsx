'use client';

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatLatency } from '@/lib/shared/format';
import type { FaultRecord, TrafficSecond } from '@/lib/features/labs/types';

const TICK = { fontSize: 13, fill: '#475569' } as const;
const LOG_TICKS = [0.01, 0.1, 1, 10, 100, 1000, 10_000];

/** Answers per second by status (stacked), each fault marked where it happened. */
export function AnswersChart({ seconds, faults }: { seconds: TrafficSecond[]; faults: FaultRecord[] }) {
  const data = seconds.map((second) => ({ t: second.t, hit: second.counts.hit, miss: second.counts.miss - second.notCached, refused: second.notCached, bypass: second.counts.bypass }));
  return (
    <ComposedChart responsive data={data} style={{ width: '100%', height: 260 }} margin={{ top: 16, right: 16, bottom: 8, left: 0 }}>
      <CartesianGrid stroke="#e2e8f0" vertical={false} />
      <XAxis dataKey="t" tick={TICK} tickFormatter={(t: number) => `${t} s`} />
      <YAxis tick={TICK} width={48} />
      <Tooltip labelFormatter={(t) => `second ${t}`} formatter={(value, name) => [`${value} answers`, name]} />
      <Legend wrapperStyle={{ fontSize: 13 }} />
      <Bar dataKey="hit" name="hit" stackId="a" fill="#059669" isAnimationActive={false} />
      <Bar dataKey="miss" name="miss (stored)" stackId="a" fill="#d97706" isAnimationActive={false} />
      <Bar dataKey="refused" name="miss, not stored (OOM)" stackId="a" fill="#a855f7" isAnimationActive={false} />
      <Bar dataKey="bypass" name="bypass (Redis unreachable)" stackId="a" fill="#e11d48" isAnimationActive={false} />
      {faults.map((fault, index) =>
        fault.atMs === null ? null : <ReferenceLine key={index} x={Math.floor(fault.atMs / 1000)} stroke="#0f172a" strokeDasharray="3 3" label={{ value: fault.action, position: 'top', fontSize: 11, fill: '#0f172a' }} />,
      )}
    </ComposedChart>
  );
}

/** p50 / p95 / slowest answer per second (log scale: a timeout dwarfs a hit). */
export function LatencyChart({ seconds }: { seconds: TrafficSecond[] }) {
  const data = seconds.map((second) => ({ t: second.t, p50: second.p50, p95: second.p95, max: second.max }));
  return (
    <ComposedChart responsive data={data} style={{ width: '100%', height: 220 }} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid stroke="#e2e8f0" />
      <XAxis dataKey="t" tick={TICK} tickFormatter={(t: number) => `${t} s`} />
      <YAxis scale="log" domain={[0.01, 10_000]} ticks={LOG_TICKS} allowDataOverflow tick={TICK} tickFormatter={(ms: number) => formatLatency(ms)} width={76} />
      <Tooltip labelFormatter={(t) => `second ${t}`} formatter={(value, name) => [formatLatency(Number(value)), name]} />
      <Legend wrapperStyle={{ fontSize: 13 }} />
      <Line dataKey="p50" name="p50" stroke="#4f46e5" strokeWidth={2} dot={false} isAnimationActive={false} />
      <Line dataKey="p95" name="p95" stroke="#d97706" strokeWidth={2} dot={false} isAnimationActive={false} />
      <Line dataKey="max" name="slowest" stroke="#e11d48" strokeWidth={1} strokeDasharray="4 3" dot={false} isAnimationActive={false} />
    </ComposedChart>
  );
}
