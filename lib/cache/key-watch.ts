import 'server-only';
import Redis, { Cluster } from 'ioredis';
import calculateSlot from 'cluster-key-slot';
import { nodeAddress } from './near/cluster-near';

/** Redis' own channel for RESP2 client-side-caching invalidations. */
const INVALIDATE_CHANNEL = '__redis__:invalidate';

/**
 * Tells when one key changes, whoever writes it (another instance, redis-cli), with nothing
 * sent while it does not: a connection of its own with CLIENT TRACKING in broadcast mode for
 * that key's name, redirected to itself. On every (re)connection `onChange` runs too, since a
 * write may have happened while no one listened. In a Redis Cluster the connection goes to the
 * master that owns the key's slot, and moves when the slot map says another does.
 */
export class KeyWatch {
  private connection: Redis | null = null;
  private node: string | null = null;
  private closed = false;

  constructor(
    private readonly client: Redis | Cluster,
    private readonly key: string,
    private readonly onChange: () => void,
    /** CLIENT TRACKING refused (an old or locked-down server): the caller polls instead. */
    private readonly onRefused: (reason: string) => void,
  ) {}

  start(): void {
    if (this.client instanceof Cluster) {
      const cluster = this.client;
      cluster.on('refresh', () => this.follow(cluster));
      this.follow(cluster);
    } else {
      this.open(this.client.duplicate(WATCH_OPTIONS), null);
    }
  }

  close(): void {
    this.closed = true;
    this.connection?.disconnect();
    this.connection = null;
  }

  /** The slot's master now; a new connection when it is not the one watched. */
  private follow(cluster: Cluster): void {
    const owner = (cluster.slots[calculateSlot(this.key)] as string[] | undefined)?.[0];
    if (!owner || owner === this.node || this.closed) return;
    this.connection?.disconnect();
    this.open(new Redis({ ...cluster.options.redisOptions, ...nodeAddress(owner), ...WATCH_OPTIONS }), owner);
  }

  private open(connection: Redis, node: string | null): void {
    this.connection = connection;
    this.node = node;
    connection.on('ready', () => void this.track(connection));
    connection.on('message', (channel: string) => {
      if (channel === INVALIDATE_CHANNEL) this.onChange();
    });
    // Reconnections are retried by ioredis; the error itself is the breaker's business, not ours.
    connection.on('error', () => undefined);
  }

  private async track(connection: Redis): Promise<void> {
    try {
      const id = String(await connection.client('ID'));
      await connection.call('CLIENT', 'TRACKING', 'on', 'REDIRECT', id, 'BCAST', 'PREFIX', this.key);
      await connection.subscribe(INVALIDATE_CHANNEL);
    } catch (error) {
      if (connection !== this.connection) return;
      const message = (error as Error).message;
      // A dropped connection comes back through 'ready'; a refusal does not.
      if (/ERR|NOPERM|unknown/i.test(message)) {
        this.close();
        this.onRefused(message);
      }
      return;
    }
    this.onChange();
  }
}

/** A watcher waits for its connection and re-tracks itself on 'ready'; ioredis must not resubscribe first. */
const WATCH_OPTIONS = { connectionName: 'cachelab-strategy-watch', autoResubscribe: false, enableOfflineQueue: true, maxRetriesPerRequest: null };
