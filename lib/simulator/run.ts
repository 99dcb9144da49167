import 'server-only';
import { randomUUID } from 'node:crypto';
import { invalidateMany, type CacheStrategy } from '../cache';
import { runScenario, withWorkDelay, type Scenario } from '../scenarios/scenario';
import { distributionOf, plannedRequests } from './config';
import { PhaseStats, type PhasePlan } from './phase';
import { rankSequence } from './sampler';
import type { SimulationConfig, SimulationSnapshot, SimulationStatus } from './types';

/** A scenario the simulator can drive: it says what its rank-r input is. */
export type Simulated = Scenario<never, unknown> & Required<Pick<Scenario<never, unknown>, 'sampleInput'>>;

/**
 * A phase that falls behind (slow computations, too few users for the rate) keeps sending until
 * this many times its duration has passed; what is left is not sent, and the result shows it.
 */
const CATCH_UP_FACTOR = 2;

/**
 * One bounded load run: `users` virtual users send the seeded input sequence at `rps` through
 * the real engine (source `sim`), then, in a comparison, replay it once more (without the cache
 * or with another strategy). Each virtual user behaves like its own app instance (no in-process
 * coalescing), so what a strategy saves is what it would save across many instances.
 */
export class Simulation {
  readonly id = randomUUID();
  readonly phases: PhaseStats[];
  readonly finished: Promise<void>;
  private status: SimulationStatus = 'running';
  private current = 0;
  private message: string | null = null;
  private readonly startedAt = Date.now();
  private finishedAt: number | null = null;
  private readonly abort = new AbortController();
  /** Users waiting for their next request's turn: a cancel wakes them all at once. */
  private readonly sleepers = new Set<() => void>();

  constructor(
    readonly config: SimulationConfig,
    private readonly scenario: Simulated,
  ) {
    this.phases = phasePlans(config).map((plan) => new PhaseStats(plan));
    this.abort.signal.addEventListener('abort', () => this.sleepers.forEach((wake) => wake()), { once: true });
    this.finished = this.run();
  }

  get running(): boolean {
    return this.status === 'running';
  }

  /** Stops sending; requests already in flight finish and are counted. */
  cancel(): void {
    this.abort.abort();
  }

  snapshot(): SimulationSnapshot {
    return {
      id: this.id,
      status: this.status,
      config: this.config,
      startedAt: new Date(this.startedAt).toISOString(),
      finishedAt: this.finishedAt === null ? null : new Date(this.finishedAt).toISOString(),
      phase: this.current,
      phases: this.phases.map((phase) => phase.snapshot()),
      message: this.message,
    };
  }

  private async run(): Promise<void> {
    try {
      const ranks = rankSequence(distributionOf(this.config), plannedRequests(this.config), this.config.seed);
      for (const [index, phase] of this.phases.entries()) {
        if (this.abort.signal.aborted) break;
        this.current = index;
        await this.runPhase(phase, ranks);
      }
      this.status = this.abort.signal.aborted ? 'cancelled' : 'done';
    } catch (error) {
      this.status = 'failed';
      this.message = error instanceof Error ? error.message : String(error);
      console.error('[cachelab] simulation failed:', error);
    } finally {
      this.finishedAt = Date.now();
    }
  }

  private async runPhase(phase: PhaseStats, ranks: readonly number[]): Promise<void> {
    // Start cold, so the hit ratio climbs from zero and a burst really meets a missing key.
    if (phase.plan.mode === 'cache') await invalidateMany([...new Set(ranks)].map((rank) => this.scenario.keyOf(this.scenario.sampleInput(rank))));
    phase.start();
    const started = performance.now();
    const interval = this.config.distribution === 'burst' ? 0 : 1000 / this.config.rps;
    const lastStart = started + this.config.durationSeconds * 1000 * CATCH_UP_FACTOR;
    let next = 0;
    const user = async () => {
      for (let index = next++; index < ranks.length; index = next++) {
        await this.sleepUntil(started + index * interval);
        if (this.abort.signal.aborted || performance.now() > lastStart) return;
        phase.sent += 1;
        try {
          phase.record(await this.request(ranks[index] ?? 0, phase.plan));
        } catch {
          phase.fail();
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.config.users, ranks.length) }, user));
    phase.end();
  }

  private sleepUntil(due: number): Promise<void> {
    const wait = due - performance.now();
    if (wait <= 0 || this.abort.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, wait);
      this.sleepers.add(wake);
    });
  }

  private request(rank: number, plan: PhasePlan) {
    const send = () =>
      runScenario(this.scenario, this.scenario.sampleInput(rank), {
        source: 'sim',
        mode: plan.mode,
        strategy: plan.strategy ?? undefined,
        coalesce: false,
        ttlMs: this.config.ttlSeconds === undefined ? undefined : this.config.ttlSeconds * 1000,
      });
    return this.config.computeDelayMs === undefined ? send() : withWorkDelay(this.config.computeDelayMs, send);
  }
}

/** The first phase uses the cache; a comparison replays the same inputs without it or with another strategy. */
function phasePlans(config: SimulationConfig): PhasePlan[] {
  const planned = plannedRequests(config);
  const cachePhase = (strategy: CacheStrategy): PhasePlan => ({ label: `with cache (${strategy})`, mode: 'cache', strategy, planned });
  const plans = [cachePhase(config.strategy)];
  if (config.compare === 'bypass') plans.push({ label: 'without cache', mode: 'bypass', strategy: null, planned });
  else if (config.compare) plans.push(cachePhase(config.compare));
  return plans;
}
