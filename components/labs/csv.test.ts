import { describe, expect, it } from 'vitest';
import type { PolicyResult } from '@/lib/features/labs/types';
import { resultsCsv } from './csv';

const result = {
  policy: 'allkeys-lru',
  samples: 10,
  status: 'done',
  hitRatio: 0.64812345678,
  steadyRequests: 36_000,
  warmupRequests: 24_000,
  requests: 60_000,
  sent: 60_000,
  answered: 60_000,
  counts: { hit: 40_000, 'near-hit': 0, miss: 20_000, coalesced: 0, stale: 0, bypass: 0 },
  notCached: 0,
  oomRefusals: 0,
  evicted: 19_000,
  keysHeld: null,
  maxmemory: 2_634_024,
  baselineBytes: 1_181_544,
  memoryUsageBytes: 1368,
  entryBytes: 1452.48,
  elapsedMs: 12_000,
  theory: { che: 0.6756, optimal: 0.7648 },
  series: [],
  slices: [],
} satisfies PolicyResult;

describe('results CSV', () => {
  it('has a header and one line per policy, empty cells for unknowns, CRLF line ends', () => {
    const lines = resultsCsv([result]).split('\r\n');
    expect(lines[0]).toMatch(/^policy,maxmemory_samples,steady_hit_ratio,che_lru,static_optimum,/);
    expect(lines[1]).toMatch(/^allkeys-lru,10,0\.648123,0\.6756,0\.7648,24000,36000,40000,20000,0,0,0,19000,,2634024,1181544,1368,1452\.48,12$/);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
  });
});
