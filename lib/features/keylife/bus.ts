import 'server-only';
import { randomBytes } from 'node:crypto';
import { env } from '../../core/env';
import { processWide } from '../../core/process-wide';
import type { KeyEvent, StreamGap } from './types';

export type StreamEntry = { id: string; kind: 'key'; data: KeyEvent } | { id: string; kind: 'gap'; data: StreamGap };
type Listener = (entry: StreamEntry) => void;

/**
 * The process's fan-out of key events to its stream clients, with the last `capacity` entries
 * kept so a client that reconnects with Last-Event-ID gets what it missed. Ids are
 * `<process run>.<sequence>`: an id from another run (a restart) or older than the buffer
 * cannot be resumed, and the client is told so (a `gap`), never silently left behind.
 */
export class KeyEventBus {
  private readonly run = randomBytes(4).toString('hex');
  private sequence = 0;
  private readonly entries: StreamEntry[] = [];
  private readonly listeners = new Set<Listener>();

  constructor(private readonly capacity: number) {}

  publish(event: KeyEvent): StreamEntry {
    return this.push({ id: this.nextId(), kind: 'key', data: event });
  }

  /** Events may have been missed (the subscriber's connection dropped): every client is told. */
  gap(reason: StreamGap['reason'], message: string): StreamEntry {
    return this.push({ id: this.nextId(), kind: 'gap', data: { reason, message, at: new Date().toISOString() } });
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get clients(): number {
    return this.listeners.size;
  }

  /** The id of the newest entry (for a client starting now). */
  get lastId(): string {
    return `${this.run}.${this.sequence}`;
  }

  /** What a client that last saw `lastId` missed, or a gap entry first when that cannot be told. */
  since(lastId: string): StreamEntry[] {
    const [run, sequenceText] = lastId.split('.');
    const seen = Number(sequenceText);
    const oldest = this.entries[0] ? this.sequenceOf(this.entries[0]) : this.sequence + 1;
    const now = new Date().toISOString();
    if (run !== this.run || !Number.isInteger(seen) || seen > this.sequence) {
      return [{ id: this.lastId, kind: 'gap', data: { reason: 'restart', message: 'The server restarted since this page last heard from it; events in between are not known here.', at: now } }];
    }
    const missed = this.entries.filter((entry) => this.sequenceOf(entry) > seen);
    if (seen + 1 < oldest) {
      const gap: StreamEntry = { id: `${this.run}.${oldest - 1}`, kind: 'gap', data: { reason: 'buffer', message: `More events happened than the ${this.capacity} this server keeps; older ones are not replayed.`, at: now } };
      return [gap, ...missed];
    }
    return missed;
  }

  private push(entry: StreamEntry): StreamEntry {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.shift();
    for (const listener of this.listeners) listener(entry);
    return entry;
  }

  private nextId(): string {
    this.sequence += 1;
    return `${this.run}.${this.sequence}`;
  }

  private sequenceOf(entry: StreamEntry): number {
    return Number(entry.id.split('.')[1]);
  }
}

/** One bus per process, however many module graphs and stream clients there are. */
export const keyLifeBus = processWide('keylife.bus', () => new KeyEventBus(env.STREAM_BUFFER_EVENTS));
