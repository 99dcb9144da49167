'use client';

import { useState } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { Percentiles, StatsResponse } from '@/lib/dashboard-types';
import { Segmented } from '../segmented';
import { STATUS_COLORS } from '../status-colors';
import { binLabel, GRID, LATENCY_DOMAIN, LATENCY_TICKS, latencyTick, latencyValue, relativeTime, TICK, timeTicks } from './axes';
import { ChartFrame, LegendItem } from './chart-frame';

const PERCENTILES = [
  { value: 'p50', label: 'p50' },
  { value: 'p95', label: 'p95' },
  { value: 'p99', label: 'p99' },
] as const;

type Which = keyof Percentiles;

/** One percentile of hits against the same of misses, on a log axis: 0.2 ms and 2 s both stay readable. */
export function PercentileChart({ stats, windowLabel }: { stats: StatsResponse; windowLabel: string }) {
  const [which, setWhich] = useState<Which>('p95');
  const data = stats.percentiles.map((point) => ({ t: point.t, hit: point.hit?.[which] ?? null, miss: point.miss?.[which] ?? null }));
  const empty = data.every((point) => point.hit === null && point.miss === null);
  const first = data[0]?.t ?? stats.window.from;
  return (
    <ChartFrame
      testId="chart-percentiles"
      title="Latency percentiles, hits vs misses"
      subtitle={`${which} of each ${stats.window.percentileStep}-second bin, last ${windowLabel} (log scale).`}
      empty={empty}
      emptyText={`No hits or misses in the last ${windowLabel}.`}
      actions={<Segmented label="Percentile" options={PERCENTILES} value={which} onChange={setWhich} />}
      legend={
        <>
          <LegendItem color={STATUS_COLORS.hit} label={`Hits ${which}`} />
          <LegendItem color={STATUS_COLORS.miss} label={`Misses ${which}`} />
        </>
      }
    >
      <LineChart responsive style={{ width: '100%', height: '100%' }} data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis dataKey="t" type="number" domain={[first, stats.window.to]} ticks={timeTicks(stats.window, first)} tickFormatter={relativeTime(stats.window)} tick={TICK} />
        <YAxis scale="log" domain={LATENCY_DOMAIN} ticks={LATENCY_TICKS} tickFormatter={latencyTick} tick={TICK} width={72} allowDataOverflow />
        <Tooltip labelFormatter={binLabel(stats.window, stats.window.percentileStep)} formatter={(value, name) => [latencyValue(value), name]} />
        <Line dataKey="hit" name={`Hits ${which}`} stroke={STATUS_COLORS.hit} strokeWidth={3} dot={{ r: 3, fill: STATUS_COLORS.hit }} connectNulls={false} isAnimationActive={false} type="linear" />
        <Line dataKey="miss" name={`Misses ${which}`} stroke={STATUS_COLORS.miss} strokeWidth={3} dot={{ r: 3, fill: STATUS_COLORS.miss }} connectNulls={false} isAnimationActive={false} type="linear" />
      </LineChart>
    </ChartFrame>
  );
}
