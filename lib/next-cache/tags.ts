import 'server-only';
import { env } from '../core/env';
import { withRedis, type RedisClient } from '../core/redis';
import { processNearCache } from '../cache/near/process';
import { tagKeys } from './keys';

/** A tag's last invalidation: `stale` (revalidateTag with a profile: serve once more, regenerate), `expired` (gone). ms since the epoch, 0 = never. */
export interface TagState {
  stale: number;
  expired: number;
}

/** What the tags say about a value made at `timestamp`. */
export type TagVerdict = 'fresh' | 'stale' | 'expired';

/** How a tag is invalidated: `updateTag` / `revalidatePath` (no durations: expired now), or a profile's `expire` (stale now, expired after it). */
export interface Durations {
  expire?: number;
}

/**
 * Tags as one timestamp per tag, compared on read (docs/next-cache.md, "Tags"): invalidating a tag
 * is one HSET of its fields and an INCR of the version, whatever number of entries carry it — no
 * index of entries per tag to keep, no scan. Every instance keeps the manifest in memory and asks
 * Redis for it again only when its version changed: the version is read through the near cache's
 * tracked connection, so Redis tells every instance the moment anyone bumps it, and a hit with a
 * warm manifest costs no round trip for its tags. Without tracking (the embedded store, or
 * tracking down) the version is one GET, sent beside the entry's own GET.
 */
export class TagManifest {
  private states = new Map<string, TagState>();
  /** The version the in-memory states are of (undefined: never loaded). */
  private version: string | null | undefined;
  private loading: Promise<Map<string, TagState>> | null = null;

  /** `near: false`: the version is a GET on every read (the bench's one-round-trip figure). */
  constructor(
    private readonly prefix = env.CACHE_PREFIX,
    private readonly options: { near?: boolean } = {},
  ) {}

  /** The current states: from memory when the version is unchanged (checked through the near cache), else reloaded. */
  async current(): Promise<ReadonlyMap<string, TagState>> {
    const { version } = tagKeys(this.prefix);
    const near = this.options.near === false ? null : await processNearCache();
    const held = near?.peek<string>(version);
    if (held !== undefined && this.version !== undefined && held.value === this.version) return this.states;
    const seen = near?.state === 'ready'
      ? await near.read(version, (raw) => ({ result: raw, entry: raw === null ? null : { value: raw, freshUntil: Number.POSITIVE_INFINITY } }))
      : await withRedis((client) => client.get(version));
    if (seen === this.version && this.version !== undefined) return this.states;
    return this.reload();
  }

  /** Reads the whole manifest (after a version change): one HGETALL; concurrent callers share it. */
  private reload(): Promise<Map<string, TagState>> {
    this.loading ??= withRedis(async (client) => {
      const { manifest, version } = tagKeys(this.prefix);
      // Version first: states read after it are at least that new, so an invalidation in between is never missed.
      const seen = await client.get(version);
      const fields = await client.hgetall(manifest);
      const states = new Map<string, TagState>();
      for (const [field, value] of Object.entries(fields)) {
        const tag = field.slice(2);
        const state = states.get(tag) ?? { stale: 0, expired: 0 };
        if (field.startsWith('s:')) state.stale = Number(value);
        else if (field.startsWith('e:')) state.expired = Number(value);
        states.set(tag, state);
      }
      if (seen === null) await client.set(version, '0', 'NX');
      this.states = states;
      this.version = seen ?? '0';
      return states;
    }).finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /**
   * Records an invalidation for every instance. Throws when Redis does not confirm it: a dropped
   * invalidation would leave every instance serving the old value with no error anywhere.
   */
  async invalidate(tags: readonly string[], durations?: Durations, now = Date.now()): Promise<void> {
    if (tags.length === 0) return;
    const fields: string[] = [];
    for (const tag of tags) {
      if (durations) {
        fields.push(`s:${tag}`, String(now));
        if (durations.expire !== undefined) fields.push(`e:${tag}`, String(now + durations.expire * 1000));
      } else fields.push(`e:${tag}`, String(now));
    }
    await withRedis((client) => applyInvalidation(client, tagKeys(this.prefix), fields));
    // Our own view at once (read-your-own-writes); the others hear of it through tracking.
    for (const tag of tags) {
      const state = { ...(this.states.get(tag) ?? { stale: 0, expired: 0 }) };
      if (durations) {
        state.stale = now;
        if (durations.expire !== undefined) state.expired = now + durations.expire * 1000;
      } else state.expired = now;
      this.states.set(tag, state);
    }
  }
}

/** HSET + INCR in one MULTI (one slot: the keys share a hash tag), so no instance sees the states change without the version. */
async function applyInvalidation(client: RedisClient, keys: { manifest: string; version: string }, fields: string[]): Promise<void> {
  const replies = await client.multi().hset(keys.manifest, ...fields).incr(keys.version).exec();
  const failed = replies?.find(([error]) => error);
  if (!replies || failed) throw failed?.[0] ?? new Error('the invalidation was not applied (transaction aborted)');
}

/**
 * Next's semantics (its default handler's, shared by every instance here): a tag expired after the
 * value was made and before now → gone; a tag marked stale after it was made → served once more
 * while Next regenerates it (its `revalidate` becomes -1). `tag` names the one that decided. An
 * invalidation in the very millisecond the value was made counts as after it: one regeneration too
 * many at worst, never a stale value kept.
 */
export function verdictOf(states: ReadonlyMap<string, TagState>, tags: readonly string[], timestamp: number, now = Date.now()): { verdict: TagVerdict; tag: string | null } {
  let stale: string | null = null;
  for (const tag of tags) {
    const state = states.get(tag);
    if (!state) continue;
    if (state.expired >= timestamp && state.expired <= now) return { verdict: 'expired', tag };
    if (state.stale >= timestamp) stale ??= tag;
  }
  return stale === null ? { verdict: 'fresh', tag: null } : { verdict: 'stale', tag: stale };
}
