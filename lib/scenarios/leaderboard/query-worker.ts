import 'server-only';
import { Worker } from 'node:worker_threads';

type Reply = { id: number; rows: unknown[] } | { id: number; error: string };

interface Pending {
  resolve: (rows: unknown[]) => void;
  reject: (error: Error) => void;
}

/**
 * Runs one read-only SQL statement in a worker thread (top-worker.mjs), so the event loop keeps
 * serving other requests while SQLite aggregates a million rows. Started on first use, kept
 * alive only while a query is pending, and restarted on the next query if it ever dies.
 */
export class QueryWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly file: string,
    private readonly sql: string,
    private readonly busyTimeoutMs = 10_000,
  ) {}

  all(params: readonly unknown[]): Promise<unknown[]> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, params });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.rejectAll(new Error('the leaderboard query worker was closed'));
    await worker?.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./top-worker.mjs', import.meta.url), {
      workerData: { file: this.file, sql: this.sql, busyTimeoutMs: this.busyTimeoutMs },
    });
    worker.on('message', (reply: Reply) => this.settle(reply));
    worker.on('error', (error) => this.died(worker, error));
    worker.on('exit', (code) => this.died(worker, new Error(`the leaderboard query worker stopped (exit code ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(reply: Reply) {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    // An idle worker must not keep the process (a test run, a stopping server) alive.
    if (this.pending.size === 0) this.worker?.unref();
    if ('error' in reply) pending.reject(new Error(reply.error));
    else pending.resolve(reply.rows);
  }

  private died(worker: Worker, error: Error) {
    if (this.worker !== worker) return;
    this.worker = null;
    this.rejectAll(error);
  }

  private rejectAll(error: Error) {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
