import 'server-only';
import { claimLab } from './activity';
import type { EvictionRequest } from './eviction-config';
import { EvictionRun } from './eviction-run';
import { LabError } from './errors';
import { labRedis } from './lab-redis';
import { processWide } from '../../core/process-wide';
import { KeptRuns } from '../../core/run-lifecycle';

/** Finished runs kept in memory for their result pages. */
const KEPT_RUNS = 10;
const runs = processWide('labs.evictionRunsKept', () => new KeptRuns<EvictionRun>(KEPT_RUNS));

/** Starts a run on the lab Redis (409 while any lab run is going on there). */
export async function startEviction(request: EvictionRequest): Promise<EvictionRun> {
  const lab = await labRedis();
  if (!lab.running) throw new LabError(409, 'lab_redis_stopped', 'The lab Redis is stopped (failure lab): start it again first.');
  return runs().add(claimLab(() => new EvictionRun(request, lab)) as EvictionRun);
}

export function findEviction(id: string): EvictionRun {
  const run = runs().find(id);
  if (!run) throw new LabError(404, 'unknown_run', `No eviction run "${id}" on this app instance (runs are kept in memory).`);
  return run;
}

export function latestEviction(): EvictionRun | null {
  return runs().latest();
}
