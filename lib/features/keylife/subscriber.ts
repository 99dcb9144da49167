import 'server-only';
import type Redis from 'ioredis';
import type { RedisClient } from '../../core/redis';
import { isCacheKey } from '../../scenarios/own-key';
import type { KeyEventBus } from './bus';
import { appendLife, readLife, type LifeRow } from './timeline';
import { toLiveEvent } from './recorder';
import { countRemoval, REMOVAL_REASONS, type RemovalReason } from './removals';
import type { KeyEventType } from './types';

/** A connection's server, as a cluster names its nodes. */
export const addressOf = (connection: Redis) => `${connection.options.host}:${connection.options.port}`;

/** Keyevent channel → what it means for a cache entry (`unlink` is reported as `del`). */
const EVENTS: Record<string, KeyEventType> = { set: 'stored', del: 'deleted', expired: 'expired', evicted: 'evicted', expire: 'expire' };

export interface SubscriberOptions {
  /**
   * Opens the subscriber's own connections (a subscribed connection can send nothing else): one,
   * or one per master in a cluster, where each node publishes only its own keys' events.
   */
  connect: () => Redis[];
  db: number;
  prefix: string;
  bus: KeyEventBus;
  /** Runs timeline writes and reads (the app's client behind its circuit breaker). */
  redis: <T>(work: (client: RedisClient) => Promise<T>) => Promise<T>;
  /** This process's engine just reported that write or delete itself (with its details): not pushed twice. */
  reportedHere?: (key: string, type: KeyEventType) => boolean;
}

/**
 * One connection per app process (per master in a cluster) subscribed to the keyevent
 * channels: SUBSCRIBE to five exact channels costs Redis less than a PSUBSCRIBE pattern,
 * which it would match against every notification of every client. The key arrives as the
 * message, so keys outside CACHE_PREFIX (other applications, our own metrics) are dropped here.
 * A dropped connection is reported to the stream as a gap; ioredis resubscribes on reconnect.
 */
export class KeyEventSubscriber {
  private connections: Redis[] = [];
  private readonly subscribed = new Set<Redis>();
  private handling: Promise<void> = Promise.resolve();

  constructor(private readonly options: SubscriberOptions) {}

  /** Every connection is subscribed right now. */
  get listening(): boolean {
    return this.connections.length > 0 && this.subscribed.size === this.connections.length;
  }

  get channels(): string[] {
    return Object.keys(EVENTS).map((event) => `__keyevent@${this.options.db}__:${event}`);
  }

  start(): void {
    if (this.connections.length > 0) return;
    this.connections = this.options.connect();
    for (const connection of this.connections) this.watch(connection);
  }

  /** The servers listened to, as `host:port`. */
  servers(): Set<string> {
    return new Set(this.connections.map(addressOf));
  }

  /**
   * A cluster's masters changed (a failover, a resharding): listen to exactly `servers`
   * (`host:port` → how to open a subscriber connection to it). New masters are subscribed,
   * connections to servers that are no longer masters closed; the stream is told of a gap, as
   * events of the changeover may have been missed.
   */
  follow(servers: Map<string, () => Redis>): void {
    if (this.connections.length === 0) return;
    let changed = false;
    for (const connection of [...this.connections]) {
      if (servers.has(addressOf(connection))) continue;
      changed = true;
      this.connections = this.connections.filter((kept) => kept !== connection);
      this.subscribed.delete(connection);
      connection.disconnect();
    }
    const listened = this.servers();
    for (const [address, open] of servers) {
      if (listened.has(address)) continue;
      changed = true;
      const connection = open();
      this.connections.push(connection);
      this.watch(connection);
    }
    if (changed) this.options.bus.gap('subscriber', 'The cluster changed masters: Redis notifications now come from the new ones; events during the changeover may be missing.');
  }

  async stop(): Promise<void> {
    const connections = this.connections;
    this.connections = [];
    this.subscribed.clear();
    await Promise.all(connections.map((connection) => connection.quit().catch(() => connection.disconnect())));
  }

  private watch(connection: Redis): void {
    connection.on('error', () => {});
    connection.on('ready', () => this.subscribed.add(connection));
    connection.on('close', () => {
      if (!this.subscribed.delete(connection)) return;
      this.options.bus.gap('subscriber', 'The connection that receives Redis notifications dropped; events until it is back are not known. Reload what you see.');
    });
    // One at a time, so the stream shows a key's events in the order Redis sent them.
    connection.on('message', (channel: string, key: string) => {
      this.handling = this.handling.then(() => this.onMessage(channel, key));
    });
    void connection.subscribe(...this.channels).catch(() => {});
  }

  private async onMessage(channel: string, key: string): Promise<void> {
    const type = EVENTS[channel.slice(channel.lastIndexOf(':') + 1)];
    if (!type || !isCacheKey(key, this.options.prefix)) return;
    const row: LifeRow = { type, at: Date.now(), origin: 'redis' };
    if (type === 'deleted') row.by = 'a DEL or UNLINK seen by Redis';
    // `expire` follows every SET … PX: live only, it would double every write on the timeline.
    if (type === 'expire') return void this.options.bus.publish(toLiveEvent(key, row));
    let lagMs: number | undefined;
    try {
      // Every instance receives this; the timeline's script keeps one row (the engine's when it reports one too).
      const kept = await this.options.redis((client) => appendLife(client, key, row, this.options.prefix));
      if (kept === 1 && isRemoval(type)) await this.options.redis((client) => countRemoval(client, type, this.options.prefix));
      if (type === 'expired') lagMs = await this.lagOf(key, row.at);
    } catch {
      // Redis is away: the event is still shown live, it just misses the timeline.
    }
    if (this.options.reportedHere?.(key, type)) return;
    this.options.bus.publish(toLiveEvent(key, row, lagMs));
  }

  private async lagOf(key: string, at: number): Promise<number | undefined> {
    const events = await this.options.redis((client) => readLife(client, key, at, this.options.prefix));
    return events.findLast((event) => event.type === 'expired')?.lagMs;
  }
}

const isRemoval = (type: KeyEventType): type is RemovalReason => (REMOVAL_REASONS as readonly string[]).includes(type);
