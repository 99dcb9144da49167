import 'server-only';
import { tracedRun } from '../../cache/tracing';
import { invalidateMany, type CacheStrategy } from '../../cache';
import { RunLifecycle } from '../../core/run-lifecycle';
import { runScenario, withWorkDelay, type Scenario } from '../../scenarios/scenario';
import { distributionOf, plannedRequests } from './config';
import { PhaseStats, type PhasePlan } from '../../workload/phase';
import { rankSequence } from '../../workload/sampler';
import type { SimulationConfig, SimulationSnapshot } from './types';

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
  private readonly life = new RunLifecycle();
  readonly id = this.life.id;
  readonly phases: PhaseStats[];
  readonly finished: Promise<void>;
  private current = 0;
  /** Users waiting for their next request's turn: a cancel wakes them all at once. */
  private readonly sleepers = new Set<() => void>();

  constructor(
    readonly config: SimulationConfig,
    private readonly scenario: Simulated,
  ) {
    this.phases = phasePlans(config).map((plan) => new PhaseStats(plan));
    this.life.abort.signal.addEventListener('abort', () => this.sleepers.forEach((wake) => wake()), { once: true });
    this.finished = tracedRun('simulator.run', { id: this.id, ...config }, () => this.run());
  }

  get running(): boolean {
    return this.life.running;
  }

  /** Stops sending; requests already in flight finish and are counted. */
  cancel(): void {
    this.life.abort.abort();
  }

  snapshot(): SimulationSnapshot {
    return {
      ...this.life.summary(),
      config: this.config,
      phase: this.current,
      phases: this.phases.map((phase) => phase.snapshot()),
    };
  }

  private async run(): Promise<void> {
    await this.life.run(
      async () => {
        const ranks = rankSequence(distributionOf(this.config), plannedRequests(this.config), this.config.seed);
        for (const [index, phase] of this.phases.entries()) {
          if (this.life.cancelled) break;
          this.current = index;
          await this.runPhase(phase, ranks);
        }
      },
      (error) => console.error('[cachelab] simulation failed:', error),
    );
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
        if (this.life.cancelled || performance.now() > lastStart) return;
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
    if (wait <= 0 || this.life.cancelled) return Promise.resolve();
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
