'use client';

import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { STATUSES } from '@/lib/cache/types';
import type { StatsResponse } from '@/lib/dashboard-types';
import { formatRate } from '@/lib/format';
import { STATUS_COLORS, STATUS_LABELS } from '../status-colors';
import { binLabel, GRID, relativeTime, TICK, timeTicks } from './axes';
import { ChartFrame, LegendItem } from './chart-frame';

/** Requests per second, stacked by how they were served: the traffic, and how much of it Redis answered. */
export function ThroughputChart({ stats, windowLabel }: { stats: StatsResponse; windowLabel: string }) {
  const points = stats.throughput;
  const empty = points.every((point) => STATUSES.every((status) => point.rates[status] === 0));
  const first = points[0]?.t ?? stats.window.from;
  const shown = STATUSES.filter((status) => status === 'hit' || status === 'miss' || points.some((point) => point.rates[status] > 0));
  return (
    <ChartFrame
      testId="chart-throughput"
      title="Requests per second"
      subtitle={`Stacked by outcome, last ${windowLabel}${stats.window.step > 1 ? `, averaged over ${stats.window.step} s` : ''}.`}
      empty={empty}
      emptyText={`No requests in the last ${windowLabel}.`}
      legend={shown.map((status) => <LegendItem key={status} color={STATUS_COLORS[status]} label={STATUS_LABELS[status]} />)}
    >
      <AreaChart responsive style={{ width: '100%', height: '100%' }} data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis dataKey="t" type="number" domain={[first, stats.window.to]} ticks={timeTicks(stats.window, first)} tickFormatter={relativeTime(stats.window)} tick={TICK} />
        <YAxis tick={TICK} width={64} allowDecimals tickFormatter={(value: number) => formatRate(value)} domain={[0, (max: number) => (max > 0 ? max : 1)]} />
        <Tooltip labelFormatter={binLabel(stats.window, stats.window.step)} formatter={(value, name) => [formatRate(Number(value)), name]} />
        {shown.map((status) => (
          <Area
            key={status}
            dataKey={(point: StatsResponse['throughput'][number]) => point.rates[status]}
            name={STATUS_LABELS[status]}
            stackId="requests"
            type="linear"
            stroke={STATUS_COLORS[status]}
            fill={STATUS_COLORS[status]}
            fillOpacity={0.55}
            strokeWidth={2}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    </ChartFrame>
  );
}
