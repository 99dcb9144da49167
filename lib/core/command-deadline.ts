import 'server-only';
import Redis, { Cluster } from 'ioredis';

/** What the sweep needs of ioredis' internals: the queue of commands sent and not yet answered. */
interface PendingCommand {
  isResolved?: boolean;
  reject(error: Error): void;
}
interface SentQueue {
  length: number;
  peekAt(index: number): { command: PendingCommand } | undefined;
}

/** Sweeps per timeout: a command fails between `timeoutMs` and 1.5 × `timeoutMs` after it was sent. */
const SWEEPS_PER_TIMEOUT = 4;

/**
 * ioredis' `commandTimeout` bounds each command with a timer of its own — a setTimeout and a
 * clearTimeout per command, the largest single cost of a cache hit after the round trip
 * (docs/hit-path.md). This gives the same guarantee with one interval per client: every sweep
 * notes the commands waiting for a reply and fails those still waiting after `timeoutMs`, with
 * ioredis' own error ("Command timed out"), so the circuit breaker sees exactly what it saw before.
 * A command's reply that arrives later is ignored, as with ioredis' timer. The embedded store
 * has no such queue: nothing to bound there. The sweeps stop when the client ends.
 */
export function boundCommands<C extends Redis | Cluster>(client: C, timeoutMs: number): C {
  const grain = Math.max(5, Math.ceil(timeoutMs / SWEEPS_PER_TIMEOUT));
  const firstSeen = new WeakMap<PendingCommand, number>();
  const timer = setInterval(() => {
    const now = performance.now();
    for (const connection of connectionsOf(client)) sweep(connection, now, timeoutMs, firstSeen);
  }, grain);
  timer.unref();
  client.once('end', () => clearInterval(timer));
  return client;
}

function connectionsOf(client: Redis | Cluster): Redis[] {
  return client instanceof Cluster ? client.nodes('all') : [client];
}

function sweep(connection: Redis, now: number, timeoutMs: number, firstSeen: WeakMap<PendingCommand, number>) {
  const queue = (connection as unknown as { commandQueue?: SentQueue }).commandQueue;
  if (!queue) return;
  for (let index = 0; index < queue.length; index += 1) {
    const command = queue.peekAt(index)?.command;
    if (!command || command.isResolved) continue;
    const seen = firstSeen.get(command);
    if (seen === undefined) firstSeen.set(command, now);
    else if (now - seen >= timeoutMs) {
      command.reject(new Error('Command timed out'));
      // Failed once: a rejected command stays queued until its reply (if any) arrives.
      firstSeen.set(command, Number.POSITIVE_INFINITY);
    }
  }
}
