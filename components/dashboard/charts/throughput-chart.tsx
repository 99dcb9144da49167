'use client';

import { memo, useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { STATUSES, type CacheStatus } from '@/lib/cache/types';
import type { StatsResponse } from '@/lib/contracts/dashboard';
import { formatRate } from '@/lib/shared/format';
import { STATUS_COLORS, STATUS_LABELS } from '../status-colors';
import { agoLabel, binLabel, CHART_MARGIN, CHART_STYLE, GRID, niceTicks, secondsAgo, TICK, TIME_AXIS, timeTicks } from './axes';
import { ChartFrame, LegendItem, recentRows } from './chart-frame';

type Row = { x: number; invalidations: number } & Record<CacheStatus, number>;

const INVALIDATIONS_COLOR = '#7c3aed';

const rateTooltip = (value: unknown, name: unknown) => [formatRate(Number(value)), String(name)] as [string, string];
const total = (row: Row) => STATUSES.reduce((sum, status) => sum + row[status], 0);

/** Requests per second, stacked by how they were served, and near-cache invalidations per second as a line when there are any. */
export const ThroughputChart = memo(function ThroughputChart({ stats, windowLabel }: { stats: StatsResponse; windowLabel: string }) {
  const { seconds, step } = stats.window;
  const rows = useMemo(
    () => stats.throughput.map((point): Row => ({ x: secondsAgo(point.t, stats.window), invalidations: point.invalidations, ...point.rates })),
    [stats.throughput, stats.window],
  );
  const invalidated = rows.some((row) => row.invalidations > 0);
  const peak = Math.max(0, ...rows.map((row) => Math.max(total(row), row.invalidations)));
  const [ticks, domain] = useMemo(() => {
    const nice = niceTicks(peak);
    return [nice, [0, nice[nice.length - 1] ?? 1] as [number, number]];
  }, [peak]);
  const xTicks = useMemo(() => timeTicks(seconds), [seconds]);
  const label = useMemo(() => binLabel(step), [step]);
  const empty = peak === 0;
  const shown = STATUSES.filter((status) => status === 'hit' || status === 'miss' || rows.some((row) => row[status] > 0));
  const table = {
    head: ['When', ...shown.map((status) => `${STATUS_LABELS[status]} (req/s)`), ...(invalidated ? ['L1 invalidations (/s)'] : [])],
    rows: recentRows(
      rows,
      (row) => total(row) > 0 || row.invalidations > 0,
      (row) => [agoLabel(row.x), ...shown.map((status) => formatRate(row[status])), ...(invalidated ? [formatRate(row.invalidations)] : [])],
    ),
  };
  return (
    <ChartFrame
      testId="chart-throughput"
      title="Requests per second"
      subtitle={`Stacked by outcome, last ${windowLabel}${step > 1 ? `, averaged over ${step} s` : ''}.`}
      empty={empty}
      emptyText={`No requests in the last ${windowLabel}.`}
      legend={[
        ...shown.map((status) => <LegendItem key={status} color={STATUS_COLORS[status]} label={STATUS_LABELS[status]} />),
        ...(invalidated ? [<LegendItem key="invalidations" color={INVALIDATIONS_COLOR} label="L1 invalidations received" shape="dashed" />] : []),
      ]}
      table={table}
    >
      <ComposedChart responsive style={CHART_STYLE} data={rows} margin={CHART_MARGIN}>
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis {...TIME_AXIS} ticks={xTicks} />
        <YAxis tick={TICK} width={64} ticks={ticks} domain={domain} tickFormatter={formatRate} />
        <Tooltip labelFormatter={label} formatter={rateTooltip} />
        {shown.map((status) => (
          <Area
            key={status}
            dataKey={status}
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
        {invalidated && (
          <Line dataKey="invalidations" name="L1 invalidations received" type="linear" stroke={INVALIDATIONS_COLOR} strokeWidth={2} strokeDasharray="5 3" dot={false} isAnimationActive={false} />
        )}
      </ComposedChart>
    </ChartFrame>
  );
});
