import type { PolicyResult } from '@/lib/features/labs/types';

const COLUMNS: [string, (result: PolicyResult) => string | number | null][] = [
  ['policy', (result) => result.policy],
  ['maxmemory_samples', (result) => result.samples],
  ['steady_hit_ratio', (result) => result.hitRatio],
  ['che_lru', (result) => result.theory.che],
  ['static_optimum', (result) => result.theory.optimal],
  ['warmup_requests', (result) => result.warmupRequests],
  ['steady_requests', (result) => result.steadyRequests],
  ['hits', (result) => result.counts.hit],
  ['misses', (result) => result.counts.miss],
  ['bypasses', (result) => result.counts.bypass],
  ['not_cached', (result) => result.notCached],
  ['oom_refusals', (result) => result.oomRefusals],
  ['evicted', (result) => result.evicted],
  ['keys_held', (result) => result.keysHeld],
  ['maxmemory_bytes', (result) => result.maxmemory],
  ['baseline_bytes', (result) => result.baselineBytes],
  ['memory_usage_bytes', (result) => result.memoryUsageBytes],
  ['entry_bytes', (result) => result.entryBytes],
  ['seconds', (result) => result.elapsedMs / 1000],
];

/** The results table as CSV (RFC 4180: comma-separated, a header line, CRLF line ends). */
export function resultsCsv(results: readonly PolicyResult[]): string {
  const cell = (value: string | number | null) => {
    if (value === null) return '';
    const text = typeof value === 'number' ? String(Number(value.toFixed(6))) : value;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [COLUMNS.map(([name]) => name), ...results.map((result) => COLUMNS.map(([, value]) => cell(value(result))))];
  return lines.map((line) => line.join(',')).join('\r\n') + '\r\n';
}
