import 'server-only';
import { randomUUID } from 'node:crypto';

export type RunStatus = 'running' | 'done' | 'cancelled' | 'failed';

/**
 * How a background run (a simulation, an eviction run) is going: its id and status, when it
 * started and ended, why it failed, and the switch that cancels it. The runs differ in what
 * they do; this is the part they share.
 */
export class RunLifecycle {
  readonly id = randomUUID();
  readonly abort = new AbortController();
  private status: RunStatus = 'running';
  private message: string | null = null;
  private readonly startedAt = Date.now();
  private finishedAt: number | null = null;

  get running(): boolean {
    return this.status === 'running';
  }

  get cancelled(): boolean {
    return this.abort.signal.aborted;
  }

  /** Runs the work, then records how it ended: cancelled, done, or failed with its message. */
  async run(work: () => Promise<void>, onFailure: (error: unknown) => void = () => undefined): Promise<void> {
    try {
      await work();
      this.status = this.cancelled ? 'cancelled' : 'done';
    } catch (error) {
      this.status = 'failed';
      this.message = error instanceof Error ? error.message : String(error);
      onFailure(error);
    } finally {
      this.finishedAt = Date.now();
    }
  }

  /** The fields every run snapshot starts with. */
  summary() {
    return {
      id: this.id,
      status: this.status,
      startedAt: new Date(this.startedAt).toISOString(),
      finishedAt: this.finishedAt === null ? null : new Date(this.finishedAt).toISOString(),
      message: this.message,
    };
  }
}

/** The last few runs of one kind in this process, newest last: what the pages poll by id. */
export class KeptRuns<R extends { id: string; running: boolean }> {
  private readonly runs: R[] = [];

  constructor(private readonly kept: number) {}

  add(run: R): R {
    this.runs.push(run);
    if (this.runs.length > this.kept) this.runs.splice(0, this.runs.length - this.kept);
    return run;
  }

  find(id: string): R | undefined {
    return this.runs.find((run) => run.id === id);
  }

  latest(): R | null {
    return this.runs.at(-1) ?? null;
  }

  active(): R | undefined {
    return this.runs.find((run) => run.running);
  }
}
