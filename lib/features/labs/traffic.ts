import 'server-only';
import { tracedRun } from '../../cache/tracing';
import { randomUUID } from 'node:crypto';
import type { CachedResult, CacheStatus } from '../../cache';
import type { CircuitBreaker } from '../../core/circuit';
import { rankSampler } from '../../workload/sampler';
import { summarize } from '../../workload/phase';
import { mulberry32 } from '../../core/random';
import type { LabActivity } from './activity';
import { zeroCounts } from './counts';
import type { LabEngine } from './lab-redis';
import type { BreakerState, Outage, RunStatus, TrafficConfig, TrafficSecond, TrafficSnapshot } from './types';

/** Metric label of the failure lab's requests (source `sim`). */
export const TRAFFIC_SCENARIO = 'failure-lab';
const BREAKER_POLL_MS = 20;
const ENTRY_TTL_MS = 600_000;

interface Second {
  counts: Record<CacheStatus, number>;
  notCached: number;
  latencies: number[];
  breaker: BreakerState;
}

/**
 * Steady simulated traffic on the lab Redis for the failure lab: virtual users send seeded Zipf
 * requests at `rps` through the engine (behind its own circuit breaker and the latency proxy),
 * and every answer is counted once, by the second it came back in.
 */
export class FailureTraffic implements LabActivity {
  readonly kind = 'traffic' as const;
  readonly id = randomUUID();
  readonly finished: Promise<void>;
  private status: RunStatus = 'running';
  private readonly started = Date.now();
  private endedAt: number | null = null;
  private readonly abort = new AbortController();
  private sent = 0;
  private answered = 0;
  private failed = 0;
  private notCached = 0;
  private readonly counts = zeroCounts();
  private readonly seconds: Second[] = [];
  private readonly transitions: { atMs: number; state: BreakerState }[] = [];
  private readonly outages: Outage[] = [];
  private readonly breaker: CircuitBreaker;
  /** Users waiting for their next turn: a cancel wakes them all at once. */
  private readonly sleepers = new Set<() => void>();

  constructor(
    readonly config: TrafficConfig,
    private readonly lab: LabEngine,
  ) {
    this.breaker = lab.breaker;
    this.transitions.push({ atMs: 0, state: this.breaker.state });
    this.abort.signal.addEventListener('abort', () => this.sleepers.forEach((wake) => wake()), { once: true });
    this.finished = tracedRun('failure-lab.traffic', config, () => this.run());
  }

  get running(): boolean {
    return this.status === 'running';
  }

  /** Milliseconds since the traffic started. */
  sinceStart(at = Date.now()): number {
    return at - this.started;
  }

  cancel(): void {
    this.abort.abort();
  }

  snapshot(): TrafficSnapshot {
    this.noteBreaker();
    return {
      id: this.id,
      status: this.status,
      config: this.config,
      startedAt: new Date(this.started).toISOString(),
      elapsedMs: (this.endedAt ?? Date.now()) - this.started,
      sent: this.sent,
      answered: this.answered,
      inFlight: this.sent - this.answered - this.failed,
      failed: this.failed,
      counts: { ...this.counts },
      notCached: this.notCached,
      breaker: this.breaker.state,
      transitions: [...this.transitions],
      seconds: this.seconds.map((second, t) => secondFigures(second, t)),
      outages: this.outages.map((outage) => ({ ...outage })),
    };
  }

  get outageList(): readonly Outage[] {
    return this.outages;
  }

  private async run(): Promise<void> {
    const poll = setInterval(() => this.noteBreaker(), BREAKER_POLL_MS);
    try {
      const next = rankSampler({ kind: 'zipf', inputs: this.config.inputs, s: this.config.s }, mulberry32(this.config.seed));
      const interval = (1000 * this.config.users) / this.config.rps;
      const end = this.started + this.config.durationSeconds * 1000;
      const user = async (offset: number) => {
        let due = performance.now() + (offset * interval) / this.config.users;
        while (!this.abort.signal.aborted && Date.now() < end) {
          const wait = due - performance.now();
          if (wait > 0) await this.sleep(wait);
          if (this.abort.signal.aborted || Date.now() >= end) return;
          due += interval;
          await this.request(next());
        }
      };
      await Promise.all(Array.from({ length: this.config.users }, (_, offset) => user(offset)));
      this.status = this.abort.signal.aborted ? 'cancelled' : 'done';
    } catch {
      this.status = 'failed';
    } finally {
      clearInterval(poll);
      this.endedAt = Date.now();
    }
  }

  private async request(rank: number): Promise<void> {
    this.sent += 1;
    try {
      const result = await this.lab.engine.cached({
        scenario: TRAFFIC_SCENARIO,
        key: `lab:traffic:${rank}`,
        expiry: { ttlMs: ENTRY_TTL_MS },
        compute: () => Promise.resolve(`value of input ${rank}`),
        isValue: (candidate): candidate is string => typeof candidate === 'string',
        source: 'sim',
        strategy: 'cache-aside',
        coalesce: false,
      });
      this.record(result);
    } catch {
      this.failed += 1;
    }
  }

  private record(result: CachedResult<unknown>) {
    this.answered += 1;
    this.counts[result.status] += 1;
    const second = this.second();
    second.counts[result.status] += 1;
    second.latencies.push(result.latencyMs);
    const refused = result.status === 'miss' && result.ttlMs === null;
    if (refused) {
      this.notCached += 1;
      second.notCached += 1;
    }
    this.noteBreaker();
    const now = this.sinceStart();
    const open = this.outages.at(-1);
    if (result.status === 'bypass') {
      if (open && open.endMs === null) open.bypasses += 1;
      else this.outages.push({ startMs: now, endMs: null, bypasses: 1 });
    } else if (open && open.endMs === null) {
      open.endMs = now;
    }
  }

  private second(): Second {
    const index = Math.floor(this.sinceStart() / 1000);
    while (this.seconds.length <= index) this.seconds.push({ counts: zeroCounts(), notCached: 0, latencies: [], breaker: this.breaker.state });
    return this.seconds[index]!;
  }

  private noteBreaker() {
    const state = this.breaker.state;
    if (this.transitions.at(-1)?.state !== state) this.transitions.push({ atMs: this.sinceStart(), state });
    if (this.running) this.second().breaker = state;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}

function secondFigures(second: Second, t: number): TrafficSecond {
  const latency = summarize(second.latencies);
  return { t, counts: { ...second.counts }, notCached: second.notCached, p50: latency?.p50 ?? null, p95: latency?.p95 ?? null, max: latency ? Math.max(...second.latencies) : null, breaker: second.breaker };
}
