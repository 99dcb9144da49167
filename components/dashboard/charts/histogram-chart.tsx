'use client';

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { HistogramBar, StatsResponse } from '@/lib/dashboard-types';
import { formatCount } from '@/lib/format';
import { STATUS_COLORS } from '../status-colors';
import { boundLabel, GRID, TICK } from './axes';
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

export function HistogramChart({ stats, windowLabel }: { stats: StatsResponse; windowLabel: string }) {
  const data = shares(stats.histogram);
  const empty = data.every((row) => row.hitCount === 0 && row.missCount === 0);
  return (
    <ChartFrame
      testId="chart-histogram"
      title="Latency histogram, hits vs misses"
      subtitle={`Share of hits and of misses per latency bucket (log-scale buckets, upper bounds), last ${windowLabel}.`}
      empty={empty}
      emptyText={`No hits or misses in the last ${windowLabel}.`}
      legend={
        <>
          <LegendItem color={STATUS_COLORS.hit} label="Hits" />
          <LegendItem color={STATUS_COLORS.miss} label="Misses" />
        </>
      }
    >
      <BarChart responsive style={{ width: '100%', height: '100%' }} data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} barGap={1} barCategoryGap="12%">
        <CartesianGrid stroke={GRID} vertical={false} />
        {/* Every third bucket is a decade (50 µs, 500 µs, 5 ms…): label those, large; the tooltip names each bar. */}
        <XAxis dataKey="label" tick={TICK} interval={2} />
        <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(value: number) => `${value} %`} tick={TICK} width={64} />
        <Tooltip
          formatter={(value, name, item) => {
            const row = item.payload as Row;
            const count = name === 'Hits' ? row.hitCount : row.missCount;
            return [`${Number(value).toFixed(1)} % (${formatCount(count)})`, name];
          }}
          labelFormatter={(label) => (String(label).startsWith('>') ? String(label) : `≤ ${String(label)}`)}
        />
        <Bar dataKey="hit" name="Hits" fill={STATUS_COLORS.hit} isAnimationActive={false} radius={[3, 3, 0, 0]} />
        <Bar dataKey="miss" name="Misses" fill={STATUS_COLORS.miss} isAnimationActive={false} radius={[3, 3, 0, 0]} />
      </BarChart>
    </ChartFrame>
  );
}
