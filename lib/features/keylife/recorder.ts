import 'server-only';
import { withRedis } from '../../core/redis';
import { appendLife, type LifeRow } from './timeline';
import { keyLifeBus } from './bus';
import type { KeyEvent, KeyEventType } from './types';
import { processWide } from '../../core/process-wide';
import { observeCache, type StoredEvent } from '../../cache';

const FLUSH_EVERY_MS = 250;
/** Distinct keys with pending hits at most; past it hits are still counted, just written sooner. */
const FLUSH_AT_KEYS = 500;

/**
 * The engine's side of a key's life: writes, hits and deletes, with what only the engine knows
 * (which request, compute time, TTL asked). Published to this process's stream at once; written
 * to the key's timeline off the request path. Hits are one row per key per second with a count,
 * so 10,000 hits a second on a hot key cost one row, not 10,000.
 */
export class KeyLifeRecorder {
  private hits = new Map<string, { second: number; at: number; count: number }>();
  private rows: { key: string; row: LifeRow }[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** Keys this process wrote or deleted in the last seconds, so Redis' echo of it is not pushed twice. */
  private readonly recent = new Map<string, number>();

  stored(note: StoredEvent): void {
    const row: LifeRow = {
      type: note.overwrite ? 'overwritten' : 'stored', at: Date.now(), origin: 'app',
      by: note.by, computeMs: Math.round(note.computeMs * 1000) / 1000, ttlMs: note.ttlMs ?? 'null', expiresAt: note.expiresAt,
    };
    this.emit(note.key, row);
    this.queue(note.key, row);
  }

  hit(key: string, at = Date.now()): void {
    const second = Math.floor(at / 1000);
    const pending = this.hits.get(key);
    if (pending && pending.second === second) pending.count += 1;
    else {
      if (pending) this.queueHits(key, pending);
      this.hits.set(key, { second, at, count: 1 });
      // The first hit of a second is pushed live; the count arrives with the timeline.
      this.emit(key, { type: 'hit', at, origin: 'app', count: 1 });
    }
    if (this.hits.size >= FLUSH_AT_KEYS) void this.flush();
    else this.schedule();
  }

  /** Written at once: a delete is rare, and the page that asked for it looks right away. */
  async deleted(key: string, by: string): Promise<void> {
    const row: LifeRow = { type: 'deleted', at: Date.now(), origin: 'app', by };
    this.emit(key, row);
    // After what is pending (the write it deletes may still be queued), in order on one connection.
    this.rows.push({ key, row });
    // Not in the tick of the DEL's reply: I/O that arrived with it (another connection's
    // invalidation, a request) is handled first; the write is only ordered, not urgent.
    await new Promise((resolve) => setImmediate(resolve));
    await this.flush();
  }

  /** Writes what is pending (tests call it instead of waiting for the timer). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const [key, pending] of this.hits) this.queueHits(key, pending);
    this.hits.clear();
    const rows = this.rows;
    this.rows = [];
    await write(rows);
  }

  private queueHits(key: string, pending: { at: number; count: number }) {
    this.queue(key, { type: 'hit', at: pending.at, origin: 'app', count: pending.count });
  }

  private queue(key: string, row: LifeRow) {
    this.rows.push({ key, row });
    this.schedule();
  }

  private schedule() {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  /** True when this process itself reported a write (`stored`) or delete of the key within the last 2 s. */
  reportedHere(key: string, type: KeyEventType): boolean {
    const at = this.recent.get(`${type === 'deleted' ? 'gone' : 'write'}:${key}`);
    return (type === 'stored' || type === 'deleted') && at !== undefined && Date.now() - at < 2000;
  }

  private emit(key: string, row: LifeRow) {
    if (row.type !== 'hit') this.remember(`${row.type === 'deleted' ? 'gone' : 'write'}:${key}`);
    keyLifeBus().publish(toLiveEvent(key, row));
  }

  private remember(mark: string) {
    const now = Date.now();
    this.recent.set(mark, now);
    // Bounded: entries older than the echo window go whenever the map grows.
    if (this.recent.size > 1000) for (const [old, at] of this.recent) if (now - at >= 2000) this.recent.delete(old);
  }
}

/** One pipeline for the batch; a timeline row lost to a Redis outage is only history, never a count. */
async function write(rows: { key: string; row: LifeRow }[]): Promise<void> {
  if (rows.length === 0) return;
  try {
    await withRedis(async (client) => {
      await Promise.all(rows.map(({ key, row }) => appendLife(client, key, row)));
    });
  } catch (error) {
    warnSometimes(`key timeline not written: ${(error as Error).message}`);
  }
}

let warnedAt = 0;
/** Only the message, at most every 10 s: an outage must not flood the log. */
function warnSometimes(line: string) {
  if (Date.now() - warnedAt < 10_000) return;
  warnedAt = Date.now();
  console.warn(`[cachelab] ${line}`);
}

export function toLiveEvent(key: string, row: LifeRow, lagMs?: number): KeyEvent {
  const event: KeyEvent = { type: row.type, key, at: new Date(row.at).toISOString(), origin: row.origin };
  if (row.by !== undefined) event.by = String(row.by);
  if (typeof row.computeMs === 'number') event.computeMs = row.computeMs;
  if (row.ttlMs !== undefined) event.ttlMs = row.ttlMs === 'null' ? null : Number(row.ttlMs);
  if (typeof row.expiresAt === 'number') event.expiresAt = new Date(row.expiresAt).toISOString();
  if (typeof row.count === 'number') event.count = row.count;
  if (lagMs !== undefined) event.lagMs = lagMs;
  return event;
}

/** One per process. */
export const keyLifeRecorder = processWide('keylife.recorder', () => new KeyLifeRecorder());

/**
 * Key life listens to the engine: hits, writes and deletes become timeline rows. Registered at
 * start-up (lib/server/wiring.ts); registering again replaces the same observer.
 */
export function listenToCache(): void {
  const recorder = keyLifeRecorder();
  observeCache('keylife', {
    answered: (event) => {
      if (event.status === 'hit' || event.status === 'stale' || event.status === 'near-hit') recorder.hit(event.key, event.at);
    },
    stored: (event) => recorder.stored(event),
    deleted: (event) => recorder.deleted(event.key, event.by),
    flush: () => recorder.flush(),
  });
}
