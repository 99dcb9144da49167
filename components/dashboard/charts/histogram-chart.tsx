'use client';

import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { HistogramBar, StatsResponse } from '@/lib/contracts/dashboard';
import { formatCount } from '@/lib/shared/format';
import { STATUS_COLORS } from '../status-colors';
import { boundLabel, CHART_MARGIN, CHART_STYLE, GRID, PERCENT_DOMAIN, PERCENT_TICKS, percentTick, TICK } from './axes';
import { ChartFrame, LegendItem } from './chart-frame';

interface Row {
  label: string;
  hit: number;
  miss: number;
  hitCount: number;
  missCount: number;
}

/** Each status as a share of its own requests, so 3 misses stay visible beside 30,000 hits. */
function shares(bars: readonly HistogramBar[]): Row[] {
  const hits = bars.reduce((sum, bar) => sum + bar.hit, 0);
  const misses = bars.reduce((sum, bar) => sum + bar.miss, 0);
  return bars.map((bar) => ({
    label: boundLabel(bar.upperMs),
    hit: hits > 0 ? (bar.hit / hits) * 100 : 0,
    miss: misses > 0 ? (bar.miss / misses) * 100 : 0,
    hitCount: bar.hit,
    missCount: bar.miss,
  }));
}

const BAR_RADIUS: [number, number, number, number] = [3, 3, 0, 0];
const shareTooltip = (value: unknown, name: unknown, item: { payload?: unknown }) => {
  const row = item.payload as Row;
  const count = name === 'Hits' ? row.hitCount : row.missCount;
  return [`${Number(value).toFixed(1)} % (${formatCount(count)})`, String(name)] as [string, string];
};
const bucketTooltip = (label: unknown) => (String(label).startsWith('>') ? String(label) : `≤ ${String(label)}`);

export const HistogramChart = memo(function HistogramChart({ stats, windowLabel }: { stats: StatsResponse; windowLabel: string }) {
  const data = useMemo(() => shares(stats.histogram), [stats.histogram]);
  const empty = data.every((row) => row.hitCount === 0 && row.missCount === 0);
  const table = {
    head: ['Latency up to', 'Hits', 'Misses'],
    rows: data.filter((row) => row.hitCount > 0 || row.missCount > 0).map((row) => [row.label, `${formatCount(row.hitCount)} (${row.hit.toFixed(1)} %)`, `${formatCount(row.missCount)} (${row.miss.toFixed(1)} %)`]),
  };
  return (
    <ChartFrame
      testId="chart-histogram"
      title="Latency histogram, hits vs misses"
      subtitle={`Share of hits and of misses per latency bucket (log-scale buckets, upper bounds), last ${windowLabel}.`}
      empty={empty}
      emptyText={`No hits or misses in the last ${windowLabel}.`}
      table={table}
      legend={
        <>
          <LegendItem color={STATUS_COLORS.hit} label="Hits" />
          <LegendItem color={STATUS_COLORS.miss} label="Misses" />
        </>
      }
    >
      <BarChart responsive style={CHART_STYLE} data={data} margin={CHART_MARGIN} barGap={1} barCategoryGap="12%">
        <CartesianGrid stroke={GRID} vertical={false} />
        {/* Labels as large as a projector needs; recharts drops those that would collide on a phone. The tooltip names each bar. */}
        <XAxis dataKey="label" tick={TICK} interval="preserveStartEnd" minTickGap={12} />
        <YAxis domain={PERCENT_DOMAIN} ticks={PERCENT_TICKS} tickFormatter={percentTick} tick={TICK} width={64} />
        <Tooltip formatter={shareTooltip} labelFormatter={bucketTooltip} />
        <Bar dataKey="hit" name="Hits" fill={STATUS_COLORS.hit} isAnimationActive={false} radius={BAR_RADIUS} />
        <Bar dataKey="miss" name="Misses" fill={STATUS_COLORS.miss} isAnimationActive={false} radius={BAR_RADIUS} />
      </BarChart>
    </ChartFrame>
  );
});
