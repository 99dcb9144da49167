import 'server-only';
import type { CacheHandlerValue } from 'next/dist/server/lib/incremental-cache';
import { env } from '../core/env';
import { withRedis } from '../core/redis';
import { instanceName } from './instance';
import { entryKey, type NextKind } from './keys';
import { encodeRecord } from './record';
import { fromJson, toJson } from './serialize';
import { hardExpiry } from './store';
import { verdictOf, type Durations } from './tags';
import { invalidateTags, type NextCacheParts } from './use-cache';
import { warnSometimes } from './warn';

/** The header Next keeps a page's tags in (its explicit `cacheTag`s and the implicit `_N_T_/…` path tags). */
const TAGS_HEADER = 'x-next-cache-tags';
const FOREVER_SECONDS = 0xfffffffe;

/** What Next passes to get/set, reduced to what the handler reads (Next's own types are internal const enums). */
interface GetContext {
  kind: string;
  tags?: string[];
  softTags?: string[];
  revalidate?: number | false;
}
interface SetContext {
  fetchCache?: boolean;
  tags?: string[];
  revalidate?: number | false;
  cacheControl?: { revalidate: number | false; expire?: number };
}
interface StoredValue {
  kind: string;
  headers?: Record<string, unknown>;
  revalidate?: number | false;
  [field: string]: unknown;
}

const kindOf = (nextKind: string): NextKind => (nextKind === 'FETCH' ? 'fetch' : nextKind === 'APP_ROUTE' ? 'route' : 'page');
/** Pages and routes share a key space (`set` knows a value's kind, `get` of a path may not): only fetches are apart. */
const redisKeyOf = (cacheKey: string, kind: NextKind) => entryKey(kind === 'fetch' ? 'fetch' : 'page', cacheKey);

/**
 * The incremental cache (`cacheHandler`: ISR and App Router pages, route handlers, `fetch`) on the
 * same store, tag manifest and events as `'use cache'`. Next checks a page's tags against its own
 * in-process manifest only, so the shared manifest is applied here: an expired tag is a miss; a
 * stale one is returned as past its revalidate time, so Next serves it once and renders it again.
 */
export class IncrementalStore {
  constructor(private readonly parts: NextCacheParts) {}

  async get(cacheKey: string, context: GetContext): Promise<CacheHandlerValue | null> {
    const startedAt = performance.now();
    const kind = kindOf(context.kind);
    const redisKey = redisKeyOf(cacheKey, kind);
    const { store, tags, events } = this.parts;
    let record, states;
    try {
      [record, states] = await Promise.all([store.read(redisKey), tags.current()]);
    } catch (error) {
      warnSometimes(`incremental cache read answered as a miss: ${(error as Error).message}`);
      events.read('miss', redisKey, startedAt);
      return null;
    }
    const now = Date.now();
    if (!record || now > hardExpiry(record.header)) {
      events.read('miss', redisKey, startedAt);
      return null;
    }
    const { header } = record;
    const { verdict, tag } = verdictOf(states, [...header.tags, ...(context.tags ?? []), ...(context.softTags ?? [])], header.timestamp, now);
    if (verdict === 'expired') {
      events.tagFound(redisKey, tag!);
      events.read('miss', redisKey, startedAt);
      return null;
    }
    const extra = header.extra as { cacheControl?: CacheHandlerValue['cacheControl'] } | undefined;
    let lastModified = header.timestamp;
    if (verdict === 'stale') {
      // Next decides staleness from lastModified + revalidate: put the entry just past it.
      lastModified = Math.min(lastModified, now - header.revalidate * 1000 - 1);
      events.tagFound(redisKey, tag!);
      events.staleServed(header.kind, header.key, redisKey, header.tags, `tag ${tag} was revalidated`);
      events.read('stale', redisKey, startedAt);
    } else if (now > header.timestamp + header.revalidate * 1000) {
      events.staleServed(header.kind, header.key, redisKey, header.tags, 'past its revalidate time');
      events.read('stale', redisKey, startedAt);
    } else events.read('hit', redisKey, startedAt);
    const value = fromJson(JSON.parse(record.value.toString('utf8'))) as CacheHandlerValue['value'];
    return { lastModified, value, ...(extra?.cacheControl ? { cacheControl: extra.cacheControl } : {}) };
  }

  async set(cacheKey: string, data: StoredValue | null, context: SetContext): Promise<void> {
    const kind = data ? kindOf(data.kind) : context.fetchCache ? 'fetch' : 'page';
    const redisKey = redisKeyOf(cacheKey, kind);
    const { store, events } = this.parts;
    if (data === null) {
      await withRedis((client) => client.unlink(redisKey)).catch(() => undefined);
      return;
    }
    const headerTags = typeof data.headers?.[TAGS_HEADER] === 'string' ? (data.headers[TAGS_HEADER] as string).split(',') : [];
    const tags = [...new Set([...(context.tags ?? []), ...headerTags])];
    const revalidateOf = (seconds: number | false | undefined) => (typeof seconds === 'number' ? seconds : FOREVER_SECONDS);
    const revalidate = revalidateOf(kind === 'fetch' ? (context.revalidate ?? data.revalidate) : context.cacheControl?.revalidate);
    const expire = context.cacheControl?.expire ?? env.NEXT_CACHE_MAX_TTL_SECONDS;
    const value = Buffer.from(JSON.stringify(toJson(data)), 'utf8');
    if (value.byteLength > env.NEXT_CACHE_MAX_ENTRY_BYTES) {
      events.storeFailed(kind, cacheKey, `not stored: ${value.byteLength} bytes, over NEXT_CACHE_MAX_ENTRY_BYTES`);
      return;
    }
    const now = Date.now();
    const raw = encodeRecord(
      { kind, key: cacheKey, tags, timestamp: now, revalidate, expire, stale: 0, instance: instanceName(), extra: context.cacheControl ? { cacheControl: context.cacheControl } : undefined },
      value,
    );
    const ttlMs = Math.min(expire, env.NEXT_CACHE_MAX_TTL_SECONDS) * 1000;
    try {
      await store.write(redisKey, raw, ttlMs);
    } catch (error) {
      warnSometimes(`incremental cache entry not stored: ${(error as Error).message}`);
      events.storeFailed(kind, cacheKey, `not stored: ${(error as Error).message}`);
      return;
    }
    events.stored(kind, cacheKey, redisKey, tags, ttlMs, false);
  }

  async revalidateTag(tags: string | string[], durations?: Durations): Promise<void> {
    await invalidateTags(this.parts, typeof tags === 'string' ? [tags] : tags, durations);
  }

  resetRequestCache(): void {}
}
