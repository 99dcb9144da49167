'use client';

import { memo, useMemo } from 'react';
import { CartesianGrid, ComposedChart, Line, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatsResponse, StatsWindow, ThroughputPoint } from '@/lib/contracts/dashboard';
import { formatPercent } from '@/lib/shared/format';
import { STATUS_COLORS } from '../status-colors';
import { agoLabel, binLabel, CHART_MARGIN, CHART_STYLE, GRID, PERCENT_DOMAIN, PERCENT_TICKS, percentTick, secondsAgo, TICK, TIME_AXIS, timeTicks } from './axes';
import { ChartFrame, LegendItem, recentRows } from './chart-frame';

interface RatioPoint {
  x: number;
  /** This bin alone, in %; null when it had no lookups. */
  bin: number | null;
  /** Everything since the window started, in %: steady even when traffic is sparse. */
  running: number | null;
}

const RUNNING = '#4f46e5';
const ratioTooltip = (value: unknown, name: unknown) => [formatPercent(typeof value === 'number' ? value / 100 : null), String(name)] as [string, string];

/** Per-bin ratios, and the running ratio since the window's start. */
export function ratioPoints(points: readonly ThroughputPoint[], window: StatsWindow): RatioPoint[] {
  let served = 0;
  let lookups = 0;
  return points.map((point) => {
    const { hit, stale, miss, coalesced } = point.rates;
    const near = point.rates['near-hit'];
    served += (hit + near + stale) * window.step;
    lookups += (hit + near + stale + miss + coalesced) * window.step;
    return { x: secondsAgo(point.t, window), bin: point.hitRatio === null ? null : point.hitRatio * 100, running: lookups > 0 ? (served / lookups) * 100 : null };
  });
}

export const HitRatioChart = memo(function HitRatioChart({ stats, windowLabel }: { stats: StatsResponse; windowLabel: string }) {
  const { seconds, step } = stats.window;
  const data = useMemo(() => ratioPoints(stats.throughput, stats.window), [stats.throughput, stats.window]);
  const xTicks = useMemo(() => timeTicks(seconds), [seconds]);
  const label = useMemo(() => binLabel(step), [step]);
  const empty = data.every((point) => point.bin === null);
  const percent = (value: number | null) => formatPercent(value === null ? null : value / 100);
  const table = {
    head: ['When', 'Hit ratio in the bin', 'Since the window began'],
    rows: recentRows(data, (point) => point.bin !== null, (point) => [agoLabel(point.x), percent(point.bin), percent(point.running)]),
  };
  return (
    <ChartFrame
      testId="chart-hit-ratio"
      title="Hit ratio over time"
      subtitle={`(hits + near hits + stale) ÷ lookups, last ${windowLabel}: each dot one ${step}-second bin, the line since the window began.`}
      empty={empty}
      emptyText={`No lookups in the last ${windowLabel}: no ratio to draw.`}
      table={table}
      legend={
        <>
          <LegendItem color={RUNNING} label="Since the window began" />
          <LegendItem color={STATUS_COLORS.hit} label="One bin" shape="dot" />
        </>
      }
    >
      <ComposedChart responsive style={CHART_STYLE} data={data} margin={CHART_MARGIN}>
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis {...TIME_AXIS} ticks={xTicks} />
        <YAxis type="number" domain={PERCENT_DOMAIN} ticks={PERCENT_TICKS} tickFormatter={percentTick} tick={TICK} width={64} allowDataOverflow />
        <Tooltip labelFormatter={label} formatter={ratioTooltip} />
        <Scatter dataKey="bin" name="This bin" fill={STATUS_COLORS.hit} isAnimationActive={false} />
        <Line dataKey="running" name="Since the window began" stroke={RUNNING} strokeWidth={3} dot={false} connectNulls isAnimationActive={false} type="linear" />
      </ComposedChart>
    </ChartFrame>
  );
});
