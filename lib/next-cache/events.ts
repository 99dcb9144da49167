import 'server-only';
import { env } from '../core/env';
import { withRedis } from '../core/redis';
import { processWide } from '../core/process-wide';
import { notify } from '../cache/observers';
import { metricsRecorder } from '../cache/recorder';
import type { NextEvent } from '../contracts/next-cache';
import { eventsKey, type NextKind } from './keys';
import { instanceName } from './instance';
import { NEXT_METRIC } from './metric';


export type NextStatus = 'hit' | 'miss' | 'stale';
type Pending = Omit<NextEvent, 'id'>;

const FLUSH_EVERY_MS = 250;

/**
 * What Next's cache handler tells the rest of the app: counts to the recorder (one observation per
 * read, the same object the engine's answers are), key-timeline marks to the engine's observers
 * (key life listens there), and the handler's own events — stored, stale-served, regenerated,
 * tag-invalidated — to a capped stream every instance writes, for /next-cache. Stream writes are
 * batched off the request path; a lost one is only history.
 */
export class NextCacheEvents {
  private queued: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly prefix = env.CACHE_PREFIX) {}

  /** One read of Next's cache, counted once. */
  read(status: NextStatus, redisKey: string, startedAt: number): void {
    const observation = {
      source: 'live' as const, scenario: NEXT_METRIC.id, status, latencyMs: performance.now() - startedAt, computeMs: 0, at: Date.now(), strategy: null, key: redisKey,
    };
    metricsRecorder().observe(observation);
    notify.answered(observation);
  }

  stored(kind: NextKind, nextKey: string, redisKey: string, tags: string[], lifeMs: number, regenerated: boolean): void {
    // Next's timestamps are fractional (performance.timeOrigin + now()): the timeline wants whole milliseconds.
    const ttlMs = Math.round(lifeMs);
    const by = `Next.js ${kind} (${instanceName()})`;
    notify.stored({ key: redisKey, by, computeMs: 0, ttlMs, expiresAt: Date.now() + ttlMs, overwrite: regenerated });
    if (regenerated) notify.marked({ key: redisKey, type: 'regenerated', by: instanceName() });
    this.push({ type: regenerated ? 'regenerated' : 'stored', kind, key: nextKey, tags, detail: `${Math.round(ttlMs / 1000)} s in Redis` });
  }

  staleServed(kind: NextKind, nextKey: string, redisKey: string, tags: string[], why: string): void {
    notify.marked({ key: redisKey, type: 'stale-served', by: instanceName() });
    this.push({ type: 'stale-served', kind, key: nextKey, tags, detail: why });
  }

  /** A read found the entry invalidated by a tag (its key timeline says which). */
  tagFound(redisKey: string, tag: string): void {
    notify.marked({ key: redisKey, type: 'tag-invalidated', by: tag });
  }

  invalidated(tags: readonly string[], detail: string): void {
    this.push({ type: 'tag-invalidated', kind: null, key: null, tags: [...tags], detail });
  }

  storeFailed(kind: NextKind, nextKey: string, detail: string): void {
    this.push({ type: 'store-failed', kind, key: nextKey, tags: [], detail });
  }

  /** The latest events, newest first. */
  async recent(count = 50): Promise<NextEvent[]> {
    const rows = await withRedis((client) => client.xrevrange(eventsKey(this.prefix), '+', '-', 'COUNT', count));
    return rows.flatMap(([id, fields]) => {
      const json = fields[fields.indexOf('event') + 1];
      try {
        return json ? [{ id, ...(JSON.parse(json) as Pending) }] : [];
      } catch {
        return [];
      }
    });
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.queued;
    this.queued = [];
    if (batch.length === 0) return;
    try {
      await withRedis(async (client) => {
        const pipeline = client.pipeline();
        for (const event of batch) pipeline.xadd(eventsKey(this.prefix), 'MAXLEN', '~', env.NEXT_CACHE_EVENTS_KEPT, '*', 'event', JSON.stringify(event));
        await pipeline.exec();
      });
    } catch {
      // History only: the counts and the entries themselves do not depend on it.
    }
  }

  private push(event: Omit<Pending, 'at' | 'instance'>) {
    this.queued.push({ ...event, at: Date.now(), instance: instanceName() });
    if (this.queued.length > env.NEXT_CACHE_EVENTS_KEPT) this.queued.splice(0, this.queued.length - env.NEXT_CACHE_EVENTS_KEPT);
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }
}

export const nextCacheEvents = processWide('next-cache.events', () => new NextCacheEvents());
