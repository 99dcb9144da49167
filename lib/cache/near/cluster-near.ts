import 'server-only';
import calculateSlot from 'cluster-key-slot';
import type { Cluster } from 'ioredis';
import type Redis from 'ioredis';
import { NearCache, type NearEntry, type NearState, type NearStats, type NearTier } from './near-cache';

export interface ClusterNearOptions {
  /** Opens one new connection to the master `node` ("host:port"): called twice per master, for its reader and its subscriber. */
  connect: (node: string, role: 'reader' | 'subscriber') => Redis;
  /** L1 bounds of the whole instance: each master's cache gets its share. */
  maxEntries: number;
  maxBytes: number;
}

const SLOTS = 16384;

/**
 * Strategy `near` on a Redis Cluster. A master tracks only the reads it served and sends
 * invalidations only for its own keys, so tracking is per node: each master gets a `NearCache`
 * of its own (a tracked reader, a subscriber, its share of L1), and a key is read from and kept
 * by the master that owns its slot.
 *
 * A slot that changes hands (a failover, a resharding) moves its keys' writes to a node that never
 * tracked our reads. So whenever ioredis' slot map changes (it refreshes it on every MOVED and
 * every 2 s), every L1 is emptied and the caches follow the new masters; a reader answered MOVED
 * empties them at once. A master that went down dropped its connections, so its cache was
 * already empty and serving nothing. Keys of a master whose cache is not ready are read through
 * the cluster client, untracked and kept out of L1.
 */
export class ClusterNearCache implements NearTier {
  private readonly byNode = new Map<string, NearCache>();
  /** Slot → the master that owned it at the last refresh. */
  private owners: (string | undefined)[] = [];
  private readonly listeners = new Set<(key: string | null) => void>();
  private closed = false;

  constructor(
    private readonly cluster: Cluster,
    private readonly options: ClusterNearOptions,
  ) {
    cluster.on('refresh', this.follow);
    this.follow();
  }

  /** `ready` while at least one master's cache serves (each key is then asked of its own master's). */
  get state(): NearState {
    if (this.closed) return 'closed';
    const states = [...this.byNode.values()].map((near) => near.state);
    if (states.includes('ready')) return 'ready';
    return states.includes('down') ? 'down' : 'starting';
  }

  peek<V>(key: string, now = Date.now()): NearEntry<V> | undefined {
    return this.ownerOf(key)?.peek<V>(key, now);
  }

  async read<T>(key: string, decode: (raw: string | null) => { result: T; entry: NearEntry | null }): Promise<T> {
    const near = this.ownerOf(key);
    if (near?.state === 'ready') {
      try {
        return await near.read(key, decode);
      } catch (error) {
        if (!isRedirection(error)) throw error;
        // The slot moved before ioredis told us: what any master's L1 holds may be stale.
        this.clearAll();
        void this.cluster.refreshSlotsCache();
      }
    }
    return decode(await this.cluster.get(key)).result;
  }

  forget(key: string): void {
    this.ownerOf(key)?.forget(key);
  }

  onInvalidate(listener: (key: string | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stats(): NearStats {
    const nodes = [...this.byNode].map(([node, near]) => ({ node, ...near.stats() }));
    const sum = (pick: (stats: NearStats) => number) => nodes.reduce((total, stats) => total + pick(stats), 0);
    return {
      state: this.state,
      entries: sum((stats) => stats.entries),
      bytes: sum((stats) => stats.bytes),
      invalidations: sum((stats) => stats.invalidations),
      clears: sum((stats) => stats.clears),
      nodes: nodes.map(({ node, state, entries }) => ({ node, state, entries })),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.cluster.off('refresh', this.follow);
    await Promise.all([...this.byNode.values()].map((near) => near.close()));
    this.byNode.clear();
  }

  private ownerOf(key: string): NearCache | undefined {
    const node = this.owners[calculateSlot(key)];
    return node === undefined ? undefined : this.byNode.get(node);
  }

  /** Follows ioredis' slot map: a cache per master, and every L1 emptied when a slot changed hands. */
  private readonly follow = () => {
    if (this.closed) return;
    const owners = Array.from({ length: SLOTS }, (_, slot) => this.cluster.slots[slot]?.[0]);
    const moved = this.owners.length > 0 && owners.some((owner, slot) => owner !== this.owners[slot]);
    this.owners = owners;
    const masters = new Set(owners.filter((owner): owner is string => owner !== undefined));
    for (const [node, near] of this.byNode) {
      if (masters.has(node)) continue;
      this.byNode.delete(node);
      void near.close();
    }
    if (moved) this.clearAll();
    for (const node of masters) if (!this.byNode.has(node)) this.byNode.set(node, this.open(node, masters.size));
  };

  private open(node: string, masters: number): NearCache {
    const near = new NearCache({
      maxEntries: Math.ceil(this.options.maxEntries / masters),
      maxBytes: Math.ceil(this.options.maxBytes / masters),
      connect: (role) => this.options.connect(node, role),
    });
    near.onInvalidate((key) => {
      for (const listener of this.listeners) listener(key);
    });
    return near;
  }

  private clearAll() {
    for (const near of this.byNode.values()) near.clear();
  }
}

/** A cluster node's name ("host:port", as ioredis' slot map has it) as connection options. */
export function nodeAddress(node: string): { host: string; port: number } {
  const separator = node.lastIndexOf(':');
  return { host: node.slice(0, separator), port: Number(node.slice(separator + 1)) };
}

/** A reader asked a master that no longer owns the key's slot. */
function isRedirection(error: unknown): boolean {
  return error instanceof Error && /^(MOVED|ASK) /.test(error.message);
}
