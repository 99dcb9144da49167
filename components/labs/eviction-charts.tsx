'use client';

import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatBytes, formatCount, formatPercent } from '@/lib/shared/format';
import type { EvictionSample, PolicyResult } from '@/lib/features/labs/types';

/** One colour per policy run (policy × sample size), in the order they run. */
export const POLICY_COLOURS = ['#4f46e5', '#d97706', '#059669', '#db2777', '#0891b2', '#64748b', '#7c3aed', '#b45309', '#15803d', '#be123c', '#0e7490', '#334155'] as const;
const TICK = { fontSize: 13, fill: '#475569' } as const;
const GRID = '#e2e8f0';
const percentTick = (share: number) => `${Math.round(share * 100)} %`;
const requestsTick = (k: number) => (k >= 1000 ? `${Math.round(k / 1000)}k` : String(k));
/** A policy's run: its name, and its sample size too when a run compares both. */
const runName = (result: PolicyResult) => `${result.policy} (samples ${result.samples})`;
const colour = (index: number) => POLICY_COLOURS[index % POLICY_COLOURS.length];

const OPTIMUM = '#0f172a';
const CHE = '#64748b';

/** What the dashed lines of the hit-ratio chart are, with their values. */
export function TheoryKey({ theory }: { theory: { che: number; optimal: number } | undefined }) {
  if (!theory) return null;
  return (
    <p className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-slate-700">
      <span>
        <svg width="28" height="8" aria-hidden className="mr-1.5 inline">
          <line x1="0" y1="4" x2="28" y2="4" stroke={CHE} strokeWidth="2" strokeDasharray="8 4" />
        </svg>
        Che (LRU) {formatPercent(theory.che)}
      </span>
      <span>
        <svg width="28" height="8" aria-hidden className="mr-1.5 inline">
          <line x1="0" y1="4" x2="28" y2="4" stroke={OPTIMUM} strokeWidth="2" strokeDasharray="2 4" />
        </svg>
        static optimum {formatPercent(theory.optimal)}
      </span>
    </p>
  );
}

/** Hit ratio of each slice of the request sequence, per policy, beside Che's LRU figure and the static optimum. */
export function HitRatioChart({ results, requests, warmup }: { results: PolicyResult[]; requests: number; warmup: number }) {
  const theory = results[0]?.theory;
  return (
    <LineChart responsive style={{ width: '100%', height: 300 }} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
      <CartesianGrid stroke={GRID} />
      <XAxis type="number" dataKey="k" domain={[0, requests]} tick={TICK} tickFormatter={requestsTick} allowDuplicatedCategory={false} />
      <YAxis type="number" domain={[0, 1]} tickFormatter={percentTick} tick={TICK} width={56} />
      <Tooltip formatter={(value) => formatPercent(Number(value))} labelFormatter={(k) => `requests up to ${formatCount(Number(k))}`} />
      <Legend wrapperStyle={{ fontSize: 13 }} />
      {warmup > 0 && <ReferenceArea x1={0} x2={warmup} fill="#f1f5f9" fillOpacity={0.8} label={{ value: 'warm-up (not counted)', position: 'insideBottomLeft', fontSize: 12, fill: '#475569' }} />}
      {theory && <ReferenceLine y={theory.optimal} stroke={OPTIMUM} strokeDasharray="2 4" strokeWidth={2} />}
      {theory && <ReferenceLine y={theory.che} stroke={CHE} strokeDasharray="8 4" strokeWidth={2} />}
      {results.map((result, index) => (
        <Line key={runName(result)} data={result.slices} dataKey="hitRatio" name={runName(result)} stroke={colour(index)} strokeWidth={3} dot={false} isAnimationActive={false} />
      ))}
    </LineChart>
  );
}

/** One server figure over the run, per policy; `limit` draws each policy's maxmemory as a dashed line. */
export function SampleChart({ results, field, requests, format, limit = false }: { results: PolicyResult[]; field: keyof Omit<EvictionSample, 'k' | 'elapsedMs'>; requests: number; format: (value: number) => string; limit?: boolean }) {
  return (
    <LineChart responsive style={{ width: '100%', height: 220 }} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid stroke={GRID} />
      <XAxis type="number" dataKey="k" domain={[0, requests]} tick={TICK} tickFormatter={requestsTick} allowDuplicatedCategory={false} />
      <YAxis type="number" tick={TICK} tickFormatter={format} width={72} />
      <Tooltip formatter={(value) => format(Number(value))} labelFormatter={(k) => `after ${formatCount(Number(k))} requests`} />
      {results.map((result, index) => (
        <Line key={runName(result)} data={result.series} dataKey={field} name={runName(result)} stroke={colour(index)} strokeWidth={2} dot={false} isAnimationActive={false} />
      ))}
      {limit &&
        results.map((result, index) =>
          result.maxmemory > 0 ? <ReferenceLine key={`max-${runName(result)}`} y={result.maxmemory} stroke={colour(index)} strokeDasharray="4 4" ifOverflow="extendDomain" /> : null,
        )}
    </LineChart>
  );
}

export const bytesTick = (bytes: number) => formatBytes(Math.round(bytes));
export const countTick = (value: number) => formatCount(Math.round(value));
