import { memo } from 'react';
import type { LatencyFigures, ScenarioFigures, ScenarioStats, StrategyFigures } from '@/lib/contracts/dashboard';
import { formatCount, formatDuration, formatLatency, formatPercent } from '@/lib/shared/format';
import { Panel } from './panel';
import { Breakable } from '../breakable';

const ms = (value: number | null) => (value === null ? '—' : formatLatency(value));

/** Every figure per scenario, and their total: the counts, then the latency of hits and of misses apart. */
export const ScenarioTables = memo(function ScenarioTables({ scenarios, total }: { scenarios: ScenarioStats[]; total: ScenarioFigures }) {
  const rows = [...scenarios.map((scenario) => ({ id: scenario.id, title: scenario.title, figures: scenario.figures, isTotal: false })), { id: 'total', title: 'All scenarios', figures: total, isTotal: true }];
  return (
    <div className="grid gap-4">
      <Panel title="Requests by scenario" subtitle="Since the statistics were last reset. Each request counts once, under how it was served; errors are counted besides.">
        <Table testId="counts-table" headings={['Requests', 'Hits (Redis)', 'Near hits (L1)', 'Misses', 'Coalesced', 'Stale', 'Bypass', 'Errors', 'Hit ratio', 'Compute saved']}>
          {rows.map(({ id, title, figures, isTotal }) => (
            <Row key={id} id={id} title={title} isTotal={isTotal}>
              <Cell strong>{formatCount(figures.requests)}</Cell>
              <Cell tone="text-emerald-700">{formatCount(figures.counts.hit)}</Cell>
              <Cell tone="text-teal-800">{formatCount(figures.counts['near-hit'])}</Cell>
              <Cell tone="text-rose-700">{formatCount(figures.counts.miss)}</Cell>
              <Cell>{formatCount(figures.counts.coalesced)}</Cell>
              <Cell>{formatCount(figures.counts.stale)}</Cell>
              <Cell>{formatCount(figures.counts.bypass)}</Cell>
              <Cell tone={figures.errors > 0 ? 'text-rose-700' : undefined}>{formatCount(figures.errors)}</Cell>
              <Cell strong>{formatPercent(figures.hitRatio)}</Cell>
              <Cell>{formatDuration(figures.computeSavedMs)}</Cell>
            </Row>
          ))}
        </Table>
      </Panel>
      <StrategyCosts rows={scenarios.map((scenario) => ({ id: scenario.id, title: scenario.title, strategies: scenario.figures.strategies }))} />
      <Panel title="Latency by scenario" subtitle="Whole request as the caller waited for it. Mean from the exact sums; percentiles from the log-scale histograms.">
        <Table testId="latency-table" headings={['Hit mean', 'Hit p50', 'Hit p95', 'Hit p99', 'Miss mean', 'Miss p50', 'Miss p95', 'Miss p99']}>
          {rows.map(({ id, title, figures, isTotal }) => (
            <Row key={id} id={id} title={title} isTotal={isTotal}>
              <LatencyCells figures={figures.latency.hit} tone="text-emerald-700" />
              <LatencyCells figures={figures.latency.miss} tone="text-rose-700" />
            </Row>
          ))}
        </Table>
      </Panel>
    </div>
  );
});

/** Per strategy, requests served against computations run: where a stampede shows (200 → 200) or does not (200 → 1). */
function StrategyCosts({ rows }: { rows: { id: string; title: string; strategies: StrategyFigures[] }[] }) {
  const lines = rows.flatMap(({ id, title, strategies }) => strategies.map((figures) => ({ id, title, ...figures })));
  return (
    <Panel title="Computations by strategy" subtitle="How many computations each cache strategy paid for the requests it served: a stampede shows as requests ≈ computations.">
      {lines.length === 0 ? (
        <p className="text-sm text-slate-600">No cached request yet.</p>
      ) : (
        <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3" data-testid="strategy-costs">
          {lines.map(({ id, title, strategy, requests, computations }) => (
            <li key={`${id}:${strategy}`} className="rounded-lg bg-slate-50 px-3 py-2 text-sm">
              <p className="font-mono text-sm break-words text-slate-700">
                <Breakable text={title} />
              </p>
              <p className="text-slate-900">
                <span className="font-mono font-semibold">{strategy}</span>: {formatCount(requests)} {requests === 1 ? 'request' : 'requests'} →{' '}
                <strong className="tabular-nums">{formatCount(computations)}</strong> {computations === 1 ? 'computation' : 'computations'}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function LatencyCells({ figures, tone }: { figures: LatencyFigures; tone: string }) {
  return (
    <>
      <Cell strong tone={tone}>{ms(figures.meanMs)}</Cell>
      <Cell>{ms(figures.p50Ms)}</Cell>
      <Cell>{ms(figures.p95Ms)}</Cell>
      <Cell>{ms(figures.p99Ms)}</Cell>
    </>
  );
}

function Table({ headings, children, testId }: { headings: string[]; children: React.ReactNode; testId: string }) {
  return (
    // Focusable and named: a table wider than a phone scrolls, and says so.
    <div role="region" aria-label={`${testId.replace(/-/g, ' ')}, scrolls sideways`} tabIndex={0} className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <p className="mb-1 text-sm font-semibold text-slate-700 lg:hidden" aria-hidden>
        More columns to the right: swipe or scroll sideways →
      </p>
      <table data-testid={testId} className="w-full min-w-[44rem] border-collapse text-right text-base tabular-nums">
        <thead>
          <tr className="border-b border-slate-200 text-sm font-semibold tracking-wide text-slate-600 uppercase">
            <th scope="col" className="py-2 pr-3 text-left">Scenario</th>
            {headings.map((heading) => (
              <th key={heading} scope="col" className="px-2 py-2 whitespace-nowrap">{heading}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

function Row({ id, title, isTotal, children }: { id: string; title: string; isTotal: boolean; children: React.ReactNode }) {
  return (
    <tr data-scenario={id} className={isTotal ? 'border-t-2 border-slate-300 bg-slate-50 font-bold' : 'border-b border-slate-100'}>
      <th scope="row" className={`sticky left-0 max-w-[11rem] ${isTotal ? "bg-slate-50" : "bg-white"} py-2.5 pr-3 text-left font-mono text-sm font-semibold break-words text-slate-900 sm:max-w-[16rem]`}>
        {isTotal ? <span className="font-sans">{title}</span> : <Breakable text={title} />}
      </th>
      {children}
    </tr>
  );
}

function Cell({ children, strong, tone }: { children: React.ReactNode; strong?: boolean; tone?: string }) {
  return <td className={`px-2 py-2.5 whitespace-nowrap ${strong ? 'font-semibold' : ''} ${tone ?? 'text-slate-800'}`}>{children}</td>;
}
