import 'server-only';
import { defaultConfig } from 'next/dist/server/config-shared';
import { ApiError } from '../core/errors';
import type { TagAction } from '../contracts/next-cache';
import { nextCacheParts } from './register';
import type { Durations } from './tags';
import { invalidateTags } from './use-cache';

/** The tag Next derives from a path for `revalidatePath` (its implicit page tags, `_N_T_/…`). */
const IMPLICIT = '_N_T_';

/** A cacheLife profile's durations as `revalidateTag(tag, profile)` hands them to the handlers (Next's own profiles). */
export function durationsOf(profile: string): Durations {
  const known = (defaultConfig.cacheLife ?? {}) as Record<string, { expire?: number }>;
  const life = known[profile];
  if (!life) throw new ApiError(400, 'unknown_profile', `Unknown cacheLife profile "${profile}": one of ${Object.keys(known).join(', ')}.`);
  return { expire: life.expire };
}

/** `revalidatePath(path)`'s tags, as Next makes them: the path without its trailing slash, and `/` with `/index`. */
export function revalidatePathTags(path: string): string[] {
  const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const tag = `${IMPLICIT}${normalized}`;
  if (normalized === '/') return [tag, `${IMPLICIT}/index`];
  return [tag];
}

/**
 * What the admin actions do, for every instance: `update` (updateTag's meaning: expired now, the next
 * read renders afresh) or `revalidate` with a profile (stale now: served once more while it is made
 * again). Redis not confirming it is a 503 — the invalidation did not happen, and health says so.
 */
export async function invalidateTag(tags: readonly string[], action: TagAction): Promise<void> {
  try {
    await invalidateTags(nextCacheParts(), tags, action.mode === 'update' ? undefined : durationsOf(action.profile));
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(503, 'redis_unavailable', `${(error as Error).message}. Nothing was invalidated; try again once Redis answers.`, { 'Retry-After': '1' });
  }
}
