/** Shapes of the simulator's API: shared by the route handlers, lib/simulator and the page. */
import type { CacheStrategy } from '../../cache/types';
import type { PhaseSnapshot } from '../../workload/types';

export type { LatencySummary, PhaseSnapshot } from '../../workload/types';

export type DistributionKind = 'uniform' | 'zipf' | 'burst';
/** What the second phase of a comparison replays the same inputs with: no cache, or another strategy. */
export type Comparison = 'bypass' | CacheStrategy;

export interface SimulationConfig {
  scenario: string;
  distribution: DistributionKind;
  /** Distinct inputs N (uniform, zipf). */
  inputs: number;
  /** Zipf exponent. */
  s: number;
  /** Virtual users: requests in flight at most; in a burst, the number of requests. */
  users: number;
  /** Requests per second the users aim for (uniform, zipf). */
  rps: number;
  durationSeconds: number;
  seed: number;
  /** The strategy of the first phase (a request without one gets the scenario's configured strategy). */
  strategy: CacheStrategy;
  compare?: Comparison;
  /** Replaces the scenario's simulated compute delay for this run. */
  computeDelayMs?: number;
  /** Replaces the scenario's expiry with this TTL for this run. */
  ttlSeconds?: number;
}

export type SimulationStatus = 'running' | 'done' | 'cancelled' | 'failed';

export interface SimulationSnapshot {
  id: string;
  status: SimulationStatus;
  config: SimulationConfig;
  startedAt: string;
  finishedAt: string | null;
  /** Index of the phase running now (or the last one). */
  phase: number;
  phases: PhaseSnapshot[];
  message: string | null;
}
