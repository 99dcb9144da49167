'use client';

import { CartesianGrid, ComposedChart, Line, ReferenceLine, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatsResponse, ThroughputPoint } from '@/lib/dashboard-types';
import { formatPercent } from '@/lib/format';
import { STATUS_COLORS } from '../status-colors';
import { binLabel, GRID, relativeTime, TICK, timeTicks } from './axes';
import { ChartFrame, LegendItem } from './chart-frame';

interface RatioPoint {
  t: number;
  /** This bin alone, in %; null when it had no lookups. */
  bin: number | null;
  /** Everything since the window started, in %: steady even when traffic is sparse. */
  running: number | null;
}

const RUNNING = '#4f46e5';

/** Per-bin ratios, and the running ratio since the window's start. */
export function ratioPoints(points: readonly ThroughputPoint[], step: number): RatioPoint[] {
  let served = 0;
  let lookups = 0;
  return points.map((point) => {
    const { hit, stale, miss, coalesced } = point.rates;
    served += (hit + stale) * step;
    lookups += (hit + stale + miss + coalesced) * step;
    return { t: point.t, bin: point.hitRatio === null ? null : point.hitRatio * 100, running: lookups > 0 ? (served / lookups) * 100 : null };
  });
}

export function HitRatioChart({ stats, windowLabel }: { stats: StatsResponse; windowLabel: string }) {
  const data = ratioPoints(stats.throughput, stats.window.step);
  const empty = data.every((point) => point.bin === null);
  const first = data[0]?.t ?? stats.window.from;
  return (
    <ChartFrame
      testId="chart-hit-ratio"
      title="Hit ratio over time"
      subtitle={`(hits + stale) ÷ lookups, last ${windowLabel}: each dot one ${stats.window.step > 1 ? `${stats.window.step}-second` : '1-second'} bin, the line since the window began.`}
      empty={empty}
      emptyText={`No lookups in the last ${windowLabel}: no ratio to draw.`}
      legend={
        <>
          <LegendItem color={RUNNING} label="Since the window began" />
          <LegendItem color={STATUS_COLORS.hit} label="One bin" shape="dot" />
        </>
      }
    >
      <ComposedChart responsive style={{ width: '100%', height: '100%' }} data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis dataKey="t" type="number" domain={[first, stats.window.to]} ticks={timeTicks(stats.window, first)} tickFormatter={relativeTime(stats.window)} tick={TICK} />
        <YAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(value: number) => `${value} %`} tick={TICK} width={64} allowDataOverflow />
        <ReferenceLine y={100} stroke={GRID} />
        <Tooltip labelFormatter={binLabel(stats.window, stats.window.step)} formatter={(value, name) => [formatPercent(value === null || value === undefined ? null : Number(value) / 100), name]} />
        <Scatter dataKey="bin" name="This bin" fill={STATUS_COLORS.hit} isAnimationActive={false} />
        <Line dataKey="running" name="Since the window began" stroke={RUNNING} strokeWidth={3} dot={false} connectNulls isAnimationActive={false} type="linear" />
      </ComposedChart>
    </ChartFrame>
  );
}
