import { z } from 'zod';

export const nextKindSchema = z.enum(['use-cache', 'page', 'route', 'fetch']);

/** One of Next's entries in Redis, as GET /api/next-cache/entries lists it (times in ms since the epoch). */
export const nextEntrySchema = z.object({
  /** Next's own key (a `'use cache'` key, a path, a fetch cache key), cut to 300 characters. */
  key: z.string(),
  /** The Redis key it is stored under. */
  redisKey: z.string(),
  kind: nextKindSchema,
  tags: z.array(z.string()),
  sizeBytes: z.number(),
  /** When it was made, when it goes stale (Next regenerates it in the background), when it is gone (null: no such time). */
  createdAt: z.number(),
  revalidateAt: z.number().nullable(),
  expireAt: z.number().nullable(),
  /** When Redis removes it (its PTTL read with the listing); null when it has no expiry. */
  redisExpireAt: z.number().nullable(),
  /** A tag invalidated after it was made: `stale` (served once more) or `expired` (a miss). */
  tagState: z.enum(['fresh', 'stale', 'expired']),
  instance: z.string(),
});
export type NextEntry = z.output<typeof nextEntrySchema>;

export const nextEventSchema = z.object({
  id: z.string(),
  at: z.number(),
  type: z.enum(['stored', 'stale-served', 'regenerated', 'tag-invalidated', 'store-failed']),
  kind: nextKindSchema.nullable(),
  /** Next's key of the entry (none for a tag invalidation). */
  key: z.string().nullable(),
  tags: z.array(z.string()),
  instance: z.string(),
  detail: z.string(),
});
export type NextEvent = z.output<typeof nextEventSchema>;

export const nextEntriesResponse = z.object({
  data: z.object({
    entries: z.array(nextEntrySchema),
    /** The SCAN walk stopped at its budget: more entries may exist than are listed. */
    truncated: z.boolean(),
    events: z.array(nextEventSchema),
    /** The instance that answered, and the time it read Redis (countdowns start there). */
    instance: z.string(),
    readAt: z.number(),
  }),
});
export type NextEntriesResponse = z.output<typeof nextEntriesResponse>;

/** POST /api/next-cache/tags/{tag}: `update` (expire now, read-your-own-writes) or `revalidate` with a cacheLife profile (stale now). */
export const tagActionSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('update') }).strict(),
  z.object({ mode: z.literal('revalidate'), profile: z.string().min(1).max(64).default('max') }).strict(),
]);
export type TagAction = z.output<typeof tagActionSchema>;
