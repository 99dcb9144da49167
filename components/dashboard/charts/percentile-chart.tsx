'use client';

import { memo, useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { Percentiles, StatsResponse } from '@/lib/contracts/dashboard';
import { Segmented } from '../segmented';
import { STATUS_COLORS } from '../status-colors';
import { agoLabel, binLabel, CHART_MARGIN, CHART_STYLE, GRID, LATENCY_DOMAIN, LATENCY_TICKS, latencyTick, latencyValue, secondsAgo, TICK, TIME_AXIS, timeTicks } from './axes';
import { ChartFrame, LegendItem, recentRows } from './chart-frame';

const PERCENTILES = [
  { value: 'p50', label: 'p50' },
  { value: 'p95', label: 'p95' },
  { value: 'p99', label: 'p99' },
] as const;

type Which = keyof Percentiles;

const latencyTooltip = (value: unknown, name: unknown) => [latencyValue(value), String(name)] as [string, string];

/** One percentile of hits against the same of misses, on a log axis: 0.2 ms and 2 s both stay readable. */
export const PercentileChart = memo(function PercentileChart({ stats, windowLabel }: { stats: StatsResponse; windowLabel: string }) {
  const [which, setWhich] = useState<Which>('p95');
  const { seconds, percentileStep } = stats.window;
  const data = useMemo(
    () => stats.percentiles.map((point) => ({ x: secondsAgo(point.t, stats.window), hit: point.hit?.[which] ?? null, miss: point.miss?.[which] ?? null })),
    [stats.percentiles, stats.window, which],
  );
  const xTicks = useMemo(() => timeTicks(seconds), [seconds]);
  const label = useMemo(() => binLabel(percentileStep), [percentileStep]);
  const empty = data.every((point) => point.hit === null && point.miss === null);
  const table = {
    head: ['When', `Hits ${which}`, `Misses ${which}`],
    rows: recentRows(data, (point) => point.hit !== null || point.miss !== null, (point) => [agoLabel(point.x), latencyValue(point.hit), latencyValue(point.miss)]),
  };
  return (
    <ChartFrame
      testId="chart-percentiles"
      title="Latency percentiles, hits vs misses"
      subtitle={`${which} of each ${percentileStep}-second bin, last ${windowLabel} (log scale).`}
      empty={empty}
      emptyText={`No hits or misses in the last ${windowLabel}.`}
      table={table}
      actions={<Segmented label="Percentile" options={PERCENTILES} value={which} onChange={setWhich} />}
      legend={
        <>
          <LegendItem color={STATUS_COLORS.hit} label={`Hits ${which}`} />
          <LegendItem color={STATUS_COLORS.miss} label={`Misses ${which}`} />
        </>
      }
    >
      <LineChart responsive style={CHART_STYLE} data={data} margin={CHART_MARGIN}>
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis {...TIME_AXIS} ticks={xTicks} />
        <YAxis scale="log" domain={LATENCY_DOMAIN} ticks={LATENCY_TICKS} tickFormatter={latencyTick} tick={TICK} width={72} allowDataOverflow />
        <Tooltip labelFormatter={label} formatter={latencyTooltip} />
        <Line dataKey="hit" name={`Hits ${which}`} stroke={STATUS_COLORS.hit} strokeWidth={3} dot={HIT_DOT} connectNulls={false} isAnimationActive={false} type="linear" />
        <Line dataKey="miss" name={`Misses ${which}`} stroke={STATUS_COLORS.miss} strokeWidth={3} dot={MISS_DOT} connectNulls={false} isAnimationActive={false} type="linear" />
      </LineChart>
    </ChartFrame>
  );
});

const HIT_DOT = { r: 3, fill: STATUS_COLORS.hit };
const MISS_DOT = { r: 3, fill: STATUS_COLORS.miss };
