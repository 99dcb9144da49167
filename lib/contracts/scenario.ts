/**
 * The API's request and response shapes, shared by route handlers (their responses are typed
 * against these) and the browser (no server code here). Zod schemas, so integration tests parse
 * what the running handlers really send and a drift fails a test instead of a page.
 */
import { z } from 'zod';
import { STATUSES, STRATEGIES, type CacheStatus, type CacheStrategy, type ExpiryKind } from '../cache/types';

export type { CacheStatus, CacheStrategy, ExpiryKind };

export const cacheMetaSchema = z.strictObject({
  status: z.enum(STATUSES),
  key: z.string(),
  expiryKind: z.enum(['ttl', 'absolute']),
  /** Remaining fresh lifetime in ms; null when the value was not cached. */
  ttlMs: z.number().nonnegative().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  latencyMs: z.number().nonnegative(),
  lookupMs: z.number().nonnegative(),
  computeMs: z.number().nonnegative(),
  /** The strategy that served it; null when the cache was not used (bypass). */
  strategy: z.enum(STRATEGIES).nullable(),
  /** Served stale, and this request started the one background refresh. */
  refreshing: z.boolean(),
});
export type CacheMeta = z.output<typeof cacheMetaSchema>;

/** `{ data, cache }`: one scenario lookup. */
export const scenarioResponseSchema = <V extends z.ZodType>(value: V) => z.strictObject({ data: value, cache: cacheMetaSchema });
export interface ScenarioResponse<V> {
  data: V;
  cache: CacheMeta;
}

export const apiErrorSchema = z.strictObject({ error: z.strictObject({ code: z.string().min(1), message: z.string().min(1) }) });
export type ApiErrorBody = z.output<typeof apiErrorSchema>;

/** DELETE of one scenario entry. */
export const invalidatedSchema = z.strictObject({ data: z.strictObject({ key: z.string(), deleted: z.boolean() }) });
export type Invalidated = z.output<typeof invalidatedSchema>['data'];
