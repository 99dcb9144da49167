/**
 * A least-recently-used map bounded both by entry count and by bytes: the near cache's L1.
 * A Map keeps insertion order, so "used" = deleted and re-inserted, and the oldest entry is
 * always the first key: every operation is O(1) and allocates nothing but the entry.
 *
 * Moving an entry costs a Map delete and insert, most of a hit's time on a hot key; so a `get`
 * moves only an entry that was not moved (or inserted) within the last quarter of the current
 * entry count's insertions and moves. Such an entry has at most a quarter of the entries after
 * it, so the order is LRU to within that quarter and an entry read now is never the next to go,
 * whichever bound evicts (with fewer than 4 entries every read moves: exact LRU).
 */
export class BoundedLru<V> {
  private readonly entries = new Map<string, { value: V; bytes: number; moved: number }>();
  private totalBytes = 0;
  /** Insertions and moves so far: the clock of `moved`. */
  private clock = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.clock - entry.moved > this.entries.size >> 2) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      entry.moved = this.clock += 1;
    }
    return entry.value;
  }

  /** Stores `value` as most recently used, evicting the least recently used until both bounds hold. */
  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    // An entry larger than the whole budget would evict everything and still not fit.
    if (bytes > this.maxBytes || this.maxEntries === 0) return;
    this.entries.set(key, { value, bytes, moved: (this.clock += 1) });
    this.totalBytes += bytes;
    while (this.entries.size > this.maxEntries || this.totalBytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value as string;
      this.delete(oldest);
    }
  }

  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
  }
}
