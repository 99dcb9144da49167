import 'server-only';
import type Redis from 'ioredis';
import { BoundedLru } from './lru';

/** What L1 keeps per key: the decoded entry and when it stops being fresh (ms epoch). */
export interface NearEntry<V = unknown> {
  value: V;
  freshUntil: number;
}

/**
 * `ready`: tracking is on, L1 serves. `starting` / `down`: a connection is not (yet, or no
 * longer) tracked, L1 is empty and serves nothing. `closed`: shut down.
 */
export type NearState = 'starting' | 'ready' | 'down' | 'closed';

export interface NearCacheOptions {
  /** Opens one new connection to the same Redis (called twice: the reader, then the subscriber). */
  connect: (role: 'reader' | 'subscriber') => Redis;
  maxEntries: number;
  maxBytes: number;
}

export interface NearStats {
  state: NearState;
  entries: number;
  bytes: number;
  /** Keys invalidated by Redis (each key of each message), since start. */
  invalidations: number;
  /** Times L1 was emptied at once: a connection dropped, Redis was flushed, or (cluster) a slot changed hands. */
  clears: number;
  /** In a Redis Cluster: each master's own tracked L1. */
  nodes?: { node: string; state: NearState; entries: number }[];
}

/** What the engine asks of a near cache: one server's (`NearCache`) or a cluster's, one per master (`ClusterNearCache`). */
export interface NearTier {
  readonly state: NearState;
  peek<V>(key: string, now?: number): NearEntry<V> | undefined;
  read<T>(key: string, decode: (raw: string | null) => { result: T; entry: NearEntry | null }): Promise<T>;
  /** Drops one key from this process' L1 at once (its own write: Redis' invalidation follows on another socket). */
  forget(key: string): void;
  onInvalidate(listener: (key: string | null) => void): () => void;
  stats(): NearStats;
  close(): Promise<void>;
}

/** Redis' own channel for RESP2 client-side-caching invalidations (CLIENT TRACKING … REDIRECT). */
const INVALIDATE_CHANNEL = '__redis__:invalidate';

/**
 * An in-process L1 in front of Redis, kept coherent by server-assisted client-side caching.
 * Values enter L1 only through `read`, a GET on a reader connection with `CLIENT TRACKING on
 * REDIRECT <subscriber id>`: Redis then remembers that we hold the key and, when anyone
 * changes, deletes, expires or evicts it, sends its name to our subscriber on
 * `__redis__:invalidate` (ioredis speaks RESP2, where push messages need the redirect).
 *
 * Two races are closed: an invalidation that overtakes the reply of the read it concerns (the
 * two arrive on different sockets) — every read carries a ticket and is not admitted when its
 * key was invalidated after it was sent; and a lost invalidation — when either connection
 * drops, L1 is emptied and serves nothing until tracking is on again on fresh connections.
 */
export class NearCache implements NearTier {
  private readonly l1: BoundedLru<NearEntry>;
  private readonly reader: Redis;
  private readonly subscriber: Redis;
  private status: NearState = 'starting';
  private subscriberId: number | null = null;
  /** Advances at every invalidation, clear and (re-)enabling: a read's ticket is its value when the read was sent. */
  private sequence = 0;
  private enabledAt = Number.POSITIVE_INFINITY;
  private clearedAt = 0;
  /** Reads in flight per key, and when those keys were last invalidated (only while reads are in flight). */
  private readonly inFlight = new Map<string, number>();
  private readonly invalidatedAt = new Map<string, number>();
  /** Bumped when a connection drops, so an enabling that raced with the drop does not claim `ready`. */
  private drops = 0;
  private enabling = false;
  private invalidations = 0;
  private clears = 0;
  private readonly listeners = new Set<(key: string | null) => void>();

  constructor(options: NearCacheOptions) {
    this.l1 = new BoundedLru(options.maxEntries, options.maxBytes);
    this.reader = options.connect('reader');
    this.subscriber = options.connect('subscriber');
    for (const connection of [this.reader, this.subscriber]) {
      // Reconnecting is ioredis' job; each error is also a `close`, handled below.
      connection.on('error', () => {});
      connection.on('ready', () => void this.enable());
      connection.on('close', () => this.dropped(connection));
    }
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer[] | null) => {
      if (channel.toString() === INVALIDATE_CHANNEL) this.invalidated(message);
    });
    void this.enable();
  }

  get state(): NearState {
    return this.status;
  }

  /** The fresh L1 entry for a full key at `now`, or undefined (also whenever tracking is not on). */
  peek<V>(key: string, now = Date.now()): NearEntry<V> | undefined {
    if (this.status !== 'ready') return undefined;
    const entry = this.l1.get(key);
    if (entry === undefined) return undefined;
    if (entry.freshUntil > now) return entry as NearEntry<V>;
    this.l1.delete(key);
    return undefined;
  }

  /**
   * GET on the tracked reader; `decode` makes the caller's result of the raw value and the entry
   * for L1 (null: not ours, or not fresh), which is admitted unless the key was invalidated, or
   * L1 cleared, since the GET was sent.
   */
  async read<T>(key: string, decode: (raw: string | null) => { result: T; entry: NearEntry | null }): Promise<T> {
    const ticket = this.sequence;
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    try {
      const raw = await this.reader.get(key);
      const { result, entry } = decode(raw);
      if (entry !== null && raw !== null && this.admits(key, ticket)) this.l1.set(key, Object.freeze(entry), Buffer.byteLength(raw));
      return result;
    } finally {
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left > 0) this.inFlight.set(key, left);
      else {
        this.inFlight.delete(key);
        this.invalidatedAt.delete(key);
      }
    }
  }

  /** Drops one key from this process' L1 (its own writes: Redis notifies the other instances). */
  forget(key: string): void {
    this.sequence += 1;
    this.l1.delete(key);
    if (this.inFlight.has(key)) this.invalidatedAt.set(key, this.sequence);
  }

  /** Called with each invalidated key (null: everything) after it left L1. Returns the unsubscribe. */
  onInvalidate(listener: (key: string | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stats(): NearStats {
    return { state: this.status, entries: this.l1.size, bytes: this.l1.bytes, invalidations: this.invalidations, clears: this.clears };
  }

  async close(): Promise<void> {
    this.status = 'closed';
    this.clear();
    this.reader.disconnect();
    this.subscriber.disconnect();
  }

  private admits(key: string, ticket: number): boolean {
    return this.status === 'ready' && ticket >= this.enabledAt && ticket >= this.clearedAt && ticket >= (this.invalidatedAt.get(key) ?? 0);
  }

  private invalidated(keys: Buffer[] | null) {
    this.sequence += 1;
    if (keys === null) {
      // FLUSHDB / FLUSHALL: everything we hold may be gone.
      this.clear();
      for (const listener of this.listeners) listener(null);
      return;
    }
    for (const buffer of keys) {
      const key = buffer.toString();
      this.l1.delete(key);
      if (this.inFlight.has(key)) this.invalidatedAt.set(key, this.sequence);
      this.invalidations += 1;
      for (const listener of this.listeners) listener(key);
    }
  }

  /** Empties L1 and refuses the replies of reads in flight (a cluster slot changed hands: what it held may be stale). */
  clear() {
    this.sequence += 1;
    this.clearedAt = this.sequence;
    if (this.l1.size > 0) this.clears += 1;
    this.l1.clear();
  }

  /** An invalidation may have been lost with the connection: empty L1 and serve nothing until tracking is back. */
  private dropped(connection: Redis) {
    if (this.status === 'closed') return;
    this.drops += 1;
    if (connection === this.subscriber) this.subscriberId = null;
    this.status = 'down';
    this.enabledAt = Number.POSITIVE_INFINITY;
    this.clear();
  }

  /**
   * Subscribes (once per subscriber connection: it accepts nothing but pub/sub commands
   * afterwards), then turns tracking on for the reader with the subscriber as the redirect.
   * Runs again whenever either connection is (re)established.
   */
  private async enable(): Promise<void> {
    if (this.enabling || this.status === 'closed' || this.status === 'ready') return;
    if (this.reader.status !== 'ready' || this.subscriber.status !== 'ready') return;
    this.enabling = true;
    const drops = this.drops;
    try {
      if (this.subscriberId === null) {
        const id = await this.subscriber.client('ID');
        await this.subscriber.subscribe(INVALIDATE_CHANNEL);
        this.subscriberId = id;
      }
      // OFF first: ON with another REDIRECT is refused on some versions while tracking is on.
      await this.reader.client('TRACKING', 'OFF');
      await this.reader.client('TRACKING', 'ON', 'REDIRECT', String(this.subscriberId));
      if (this.drops !== drops || this.state === 'closed') return;
      this.clear();
      this.enabledAt = this.sequence;
      this.status = 'ready';
    } catch {
      // A connection dropped meanwhile: its `ready` runs this again.
    } finally {
      this.enabling = false;
      if (this.drops !== drops) void this.enable();
    }
  }
}
