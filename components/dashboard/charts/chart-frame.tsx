import Link from 'next/link';
import type { ReactNode } from 'react';
import { FiguresTable, type ChartTable } from '../../figures-table';
import { Panel } from '../panel';

interface Props {
  title: string;
  subtitle: ReactNode;
  /** Nothing to draw: the axes stay, with a note saying why the chart is flat. */
  empty: boolean;
  emptyText: string;
  actions?: ReactNode;
  legend?: ReactNode;
  children: ReactNode;
  testId: string;
  /** The chart's figures as a table: the text alternative for screen readers and for checking a number. */
  table: ChartTable;
}


/** Rows of a time series for its table: only bins with something in them, newest first, at most `limit`. */
export function recentRows<T>(points: readonly T[], hasData: (point: T) => boolean, toRow: (point: T) => string[], limit = 20): string[][] {
  return points.filter(hasData).slice(-limit).reverse().map(toRow);
}

/** A chart panel with a fixed height, so the page does not jump as data arrives, and an honest empty state. */
export function ChartFrame({ title, subtitle, empty, emptyText, actions, legend, children, testId, table }: Props) {
  return (
    <Panel title={title} subtitle={subtitle} actions={actions} testId={testId}>
      <div className="relative h-64 lg:h-72" data-empty={empty}>
        {children}
        {empty && (
          <div className="pointer-events-none absolute inset-0 grid place-items-center">
            <p data-testid="chart-empty" className="pointer-events-auto rounded-xl bg-white/90 px-4 py-3 text-center text-base text-slate-600 shadow-sm ring-1 ring-slate-200">
              {emptyText}
              <br />
              <Link href="/#scenarios" className="font-semibold text-indigo-700 underline-offset-2 hover:underline">
                Send requests from a scenario
              </Link>{' '}
              and watch them arrive.
            </p>
          </div>
        )}
      </div>
      {legend && <div className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">{legend}</div>}
      <FiguresTable title={title} table={table} />
    </Panel>
  );
}

const SWATCH = {
  line: 'h-1 w-5 rounded-full',
  dashed: 'h-0 w-5 border-t-[3px] border-dashed',
  dot: 'size-2.5 rounded-full',
};

export function LegendItem({ color, label, shape = 'line' }: { color: string; label: string; shape?: keyof typeof SWATCH }) {
  const style = shape === 'dashed' ? { borderColor: color } : { backgroundColor: color };
  return (
    <span className="inline-flex items-center gap-1.5">
      <span className={`inline-block ${SWATCH[shape]}`} style={style} aria-hidden />
      {label}
    </span>
  );
}
