import Link from 'next/link';
import type { ReactNode } from 'react';
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

export interface ChartTable {
  head: readonly string[];
  rows: readonly (readonly string[])[];
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
      <details className="mt-3 text-base" data-testid="chart-table">
        <summary className="cursor-pointer font-semibold text-indigo-800">The figures as a table</summary>
        {table.rows.length === 0 ? (
          <p className="mt-2 text-slate-700">Nothing to list yet.</p>
        ) : (
          <div className="mt-2 max-h-72 overflow-auto" role="region" aria-label={`${title}: the figures`} tabIndex={0}>
            <table className="w-full text-right text-sm tabular-nums">
              <caption className="sr-only">{title}</caption>
              <thead>
                <tr className="border-b border-slate-200 text-slate-700">
                  {table.head.map((heading, index) => (
                    <th key={heading} scope="col" className={`px-2 py-1 font-semibold ${index === 0 ? 'text-left' : ''}`}>
                      {heading}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row) => (
                  <tr key={row.join('|')} className="border-b border-slate-100 text-slate-900">
                    {row.map((cell, index) => (index === 0 ? <th key={index} scope="row" className="px-2 py-1 text-left font-medium">{cell}</th> : <td key={index} className="px-2 py-1">{cell}</td>))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </details>
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
