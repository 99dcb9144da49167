import 'server-only';
import type { CacheEntry, CacheHandler } from 'next/dist/server/lib/cache-handlers/types';
import { env } from '../core/env';
import { recordProblem, resolveProblem } from '../core/redis-problems';
import type { NextCacheEvents } from './events';
import { instanceName } from './instance';
import { entryKey } from './keys';
import { encodeRecord } from './record';
import { EntryStore, hardExpiry } from './store';
import { readAll, streamOf } from './stream';
import { TagManifest, verdictOf, type Durations } from './tags';
import { warnSometimes } from './warn';

/** Reads that found an entry stale or invalidated, so the write that follows is known as a regeneration (bounded). */
const REMEMBERED = 1000;
/** Next's "never": INFINITE_CACHE (0xfffffffe seconds). */
const FOREVER_SECONDS = 0xfffffffe;

export interface NextCacheParts {
  store: EntryStore;
  tags: TagManifest;
  events: NextCacheEvents;
}

/**
 * The `'use cache'` handler (`cacheHandlers.default` and `.remote`), on the engine's Redis client:
 * one GET per read (none when the near cache holds the entry), tags checked against the tag
 * manifest in memory, Redis trouble a miss within the command deadline, an invalidation that
 * cannot be recorded an error.
 */
export class UseCacheHandler implements CacheHandler {
  /** Writes in progress in this process: a read of the same key waits for it (Next's rule). */
  private readonly pending = new Map<string, Promise<void>>();
  private readonly outdated = new Map<string, true>();

  constructor(private readonly parts: NextCacheParts) {}

  async get(cacheKey: string, softTags: string[]): Promise<CacheEntry | undefined> {
    const writing = this.pending.get(cacheKey);
    if (writing) await writing;
    const startedAt = performance.now();
    const redisKey = entryKey('use-cache', cacheKey);
    const { store, tags, events } = this.parts;
    let found;
    try {
      const [record, states] = await Promise.all([store.read(redisKey), tags.current()]);
      found = { record, states };
    } catch (error) {
      // Redis down, slow or refusing: a miss, so the page renders (never a hang, never a 5xx).
      warnSometimes(`'use cache' read answered as a miss: ${(error as Error).message}`);
      events.read('miss', redisKey, startedAt);
      return undefined;
    }
    const { record, states } = found;
    const now = Date.now();
    if (!record || now > hardExpiry(record.header)) {
      events.read('miss', redisKey, startedAt);
      return undefined;
    }
    const { header } = record;
    const { verdict, tag } = verdictOf(states, [...header.tags, ...softTags], header.timestamp, now);
    if (verdict === 'expired') {
      this.remember(cacheKey);
      events.tagFound(redisKey, tag!);
      events.read('miss', redisKey, startedAt);
      return undefined;
    }
    let revalidate = header.revalidate;
    if (verdict === 'stale') {
      // Served once more while Next makes it again (its revalidate in the past), as Next's own handler does.
      revalidate = -1;
      this.remember(cacheKey);
      events.tagFound(redisKey, tag!);
      events.staleServed('use-cache', header.key, redisKey, header.tags, `tag ${tag} was revalidated`);
      events.read('stale', redisKey, startedAt);
    } else if (now > header.timestamp + header.revalidate * 1000) {
      this.remember(cacheKey);
      events.staleServed('use-cache', header.key, redisKey, header.tags, 'past its revalidate time');
      events.read('stale', redisKey, startedAt);
    } else events.read('hit', redisKey, startedAt);
    return { value: streamOf(record.value), tags: header.tags, stale: header.stale, timestamp: header.timestamp, expire: header.expire, revalidate };
  }

  async set(cacheKey: string, pendingEntry: Promise<CacheEntry>): Promise<void> {
    let done!: () => void;
    const writing = new Promise<void>((resolve) => (done = resolve));
    this.pending.set(cacheKey, writing);
    try {
      await this.store(cacheKey, await pendingEntry);
    } finally {
      done();
      if (this.pending.get(cacheKey) === writing) this.pending.delete(cacheKey);
    }
  }

  private async store(cacheKey: string, entry: CacheEntry): Promise<void> {
    const { events } = this.parts;
    // expire 0: dynamic; Next regenerates it on every read, so storing it would be wasted (as its own handler does).
    if (entry.expire === 0) {
      await entry.value.cancel();
      return;
    }
    let value: Buffer;
    try {
      value = await readAll(entry.value, env.NEXT_CACHE_MAX_ENTRY_BYTES);
    } catch (error) {
      events.storeFailed('use-cache', cacheKey, `not stored: the value stream failed (${(error as Error).message})`);
      return;
    }
    const expire = Number.isFinite(entry.expire) ? entry.expire : FOREVER_SECONDS;
    const ttlMs = Math.min(expire, env.NEXT_CACHE_MAX_TTL_SECONDS) * 1000 - (Date.now() - entry.timestamp);
    if (ttlMs <= 0) return;
    const redisKey = entryKey('use-cache', cacheKey);
    const raw = encodeRecord(
      { kind: 'use-cache', key: cacheKey, tags: entry.tags, timestamp: entry.timestamp, revalidate: entry.revalidate, expire, stale: entry.stale, instance: instanceName() },
      value,
    );
    try {
      await this.parts.store.write(redisKey, raw, ttlMs);
    } catch (error) {
      // Not cached this time; the page was rendered all the same.
      warnSometimes(`'use cache' entry not stored: ${(error as Error).message}`);
      events.storeFailed('use-cache', cacheKey, `not stored: ${(error as Error).message}`);
      return;
    }
    events.stored('use-cache', cacheKey, redisKey, entry.tags, ttlMs, this.outdated.delete(cacheKey));
  }

  async refreshTags(): Promise<void> {
    try {
      await this.parts.tags.current();
    } catch {
      // Reads answer as misses while Redis is away; nothing to refresh.
    }
  }

  /** Soft tags (a page's implicit `_N_T_/…` tags) are checked in `get`, against the same manifest: one path for both. */
  async getExpiration(): Promise<number> {
    return Number.POSITIVE_INFINITY;
  }

  async updateTags(tags: string[], durations?: Durations): Promise<void> {
    await invalidateTags(this.parts, tags, durations);
  }

  private remember(cacheKey: string) {
    this.outdated.set(cacheKey, true);
    if (this.outdated.size > REMEMBERED) this.outdated.delete(this.outdated.keys().next().value!);
  }
}

/** Next hands one invalidation to every handler at once (both `'use cache'` kinds and the incremental cache): recorded once. */
const inFlight = new Map<string, Promise<void>>();

/**
 * Records a tag invalidation for every instance, or throws: the action that asked for it fails, and
 * /api/health and the banner say so (a dropped invalidation would leave every instance stale, silently).
 */
export function invalidateTags(parts: NextCacheParts, tags: readonly string[], durations?: Durations): Promise<void> {
  const id = JSON.stringify([tags, durations ?? null]);
  let running = inFlight.get(id);
  if (!running) {
    running = record(parts, tags, durations).finally(() => inFlight.delete(id));
    inFlight.set(id, running);
  }
  return running;
}

async function record(parts: NextCacheParts, tags: readonly string[], durations?: Durations): Promise<void> {
  try {
    await parts.tags.invalidate(tags, durations);
  } catch (error) {
    const message = `tags ${tags.join(', ')} not invalidated: ${(error as Error).message}`;
    recordProblem('next_invalidation', message);
    throw new Error(`Next.js cache: ${message}`, { cause: error });
  }
  resolveProblem('next_invalidation');
  parts.events.invalidated(tags, durations ? (durations.expire === undefined ? 'stale now' : `stale now, expired in ${durations.expire} s`) : 'expired now');
}
