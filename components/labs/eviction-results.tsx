'use client';

import { Panel } from '../dashboard/panel';
import { formatBytes, formatCount, formatPercent } from '@/lib/shared/format';
import type { EvictionSnapshot } from '@/lib/features/labs/types';
import { bytesTick, countTick, HitRatioChart, POLICY_COLOURS, SampleChart, TheoryKey } from './eviction-charts';
import { resultsCsv } from './csv';

/** A run's progress, its curves beside the theory, the server's figures and the results table (CSV). */
export function EvictionResults({ snapshot, onCancel }: { snapshot: EvictionSnapshot; onCancel: () => void }) {
  const { results, config } = snapshot;
  const requests = config.rps * config.durationSeconds;
  const warmup = results[0]?.warmupRequests ?? 0;
  const started = results.filter((result) => result.status !== 'waiting');
  const running = results.find((result) => result.status === 'running');
  return (
    <section aria-label="Eviction run" className="min-w-0 space-y-4" data-testid="eviction-run" data-status={snapshot.status}>
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm">
        <p className="text-slate-800" role="status">
          <StatusWord status={snapshot.status} />{' '}
          {running ? `${running.policy}: ${formatCount(running.answered)} of ${formatCount(requests)} requests answered` : `${started.length} of ${results.length} policies run`}
          {' · '}N = {formatCount(config.inputs)}, C = {formatCount(config.capacity)}, s = {config.s}, samples {config.samples.join(' and ')}, seed {config.seed}
        </p>
        {snapshot.status === 'running' && (
          <button type="button" onClick={onCancel} className="rounded-lg border border-rose-300 bg-white px-4 py-2 font-semibold text-rose-700 hover:bg-rose-50">
            Cancel
          </button>
        )}
      </div>
      {snapshot.message && <p className="rounded-xl border border-rose-200 bg-rose-50 p-4 text-rose-900">The run failed: {snapshot.message}</p>}

      <Panel title="Hit ratio as the run goes" subtitle={`Each point: hits ÷ (hits + misses) of one slice of ${formatCount(Math.ceil(requests / 100))} requests, by position in the sequence. Steady state counts requests ${formatCount(warmup + 1)} … ${formatCount(requests)}.`}>
        <TheoryKey theory={results[0]?.theory} />
        <HitRatioChart results={started} requests={requests} warmup={warmup} />
      </Panel>

      <div className="grid min-w-0 gap-4 lg:grid-cols-3">
        <Panel title="used_memory" subtitle="bytes; dashed: each policy's maxmemory">
          <SampleChart results={started} field="usedMemory" requests={requests} format={bytesTick} limit />
        </Panel>
        <Panel title="Evictions/s" subtitle="keys Redis evicted per second of the run">
          <SampleChart results={started} field="evictedPerSecond" requests={requests} format={countTick} />
        </Panel>
        <Panel title="Keys held" subtitle={`entries in the lab Redis; the capacity asked for is ${formatCount(config.capacity)}`}>
          <SampleChart results={started} field="keysHeld" requests={requests} format={countTick} />
        </Panel>
      </div>

      <Panel
        title="Results"
        subtitle="Steady state only. maxmemory = baseline (the empty server's used_memory) + C × cost of one entry (its MEMORY USAGE + its share of the hash tables)."
        actions={
          <a
            href={`data:text/csv;charset=utf-8,${encodeURIComponent(resultsCsv(results))}`}
            download={`eviction-${snapshot.id.slice(0, 8)}.csv`}
            className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-50"
          >
            Download CSV
          </a>
        }
      >
        <div className="overflow-x-auto">
          <table className="w-full min-w-[44rem] text-left text-sm tabular-nums" data-testid="results-table">
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                {['policy', 'hit ratio', 'vs Che (LRU)', 'vs static optimum', 'keys held', 'evicted', 'not cached (OOM)', 'maxmemory = baseline + C × entry', 'time'].map((heading) => (
                  <th key={heading} scope="col" className="px-2 py-2 font-semibold">
                    {heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {results.map((result, index) => (
                <tr key={`${result.policy}-${result.samples}`} className="border-b border-slate-100">
                  <th scope="row" className="whitespace-nowrap px-2 py-2 font-mono font-semibold" style={{ color: POLICY_COLOURS[index % POLICY_COLOURS.length] }}>
                    {result.policy}
                    {config.samples.length > 1 && <span className="block text-sm font-normal text-slate-600">samples {result.samples}</span>}
                  </th>
                  <td className="whitespace-nowrap px-2 py-2 font-semibold">{result.status === 'waiting' ? 'waiting' : formatPercent(result.hitRatio)}</td>
                  <td className="whitespace-nowrap px-2 py-2">{difference(result.hitRatio, result.theory.che)}</td>
                  <td className="whitespace-nowrap px-2 py-2">{difference(result.hitRatio, result.theory.optimal)}</td>
                  <td className="px-2 py-2">{result.keysHeld === null ? '—' : formatCount(result.keysHeld)}</td>
                  <td className="px-2 py-2">{formatCount(result.evicted)}</td>
                  <td className="px-2 py-2">
                    {formatCount(result.notCached)}
                    {result.oomRefusals > 0 && <span className="text-slate-600"> ({formatCount(result.oomRefusals)} OOM replies)</span>}
                  </td>
                  <td className="px-2 py-2">
                    {result.maxmemory ? (
                      <>
                        {formatBytes(result.maxmemory)}
                        <span className="block text-sm text-slate-600">
                          {formatBytes(result.baselineBytes)} + {formatCount(config.capacity)} × {Math.round(result.entryBytes)} B (MEMORY USAGE {Math.round(result.memoryUsageBytes)} B)
                        </span>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="px-2 py-2">{result.elapsedMs ? `${(result.elapsedMs / 1000).toFixed(1)} s` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>
    </section>
  );
}

function difference(measured: number | null, reference: number): string {
  if (measured === null) return '—';
  const points = (measured - reference) * 100;
  return `${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} pts`;
}

function StatusWord({ status }: { status: EvictionSnapshot['status'] }) {
  const styles = { running: 'bg-indigo-100 text-indigo-800', done: 'bg-emerald-100 text-emerald-800', cancelled: 'bg-amber-100 text-amber-900', failed: 'bg-rose-100 text-rose-800' } as const;
  return <span className={`rounded-full px-2.5 py-0.5 text-sm font-semibold ${styles[status]}`}>{status}</span>;
}
