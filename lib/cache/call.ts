import 'server-only';
import { randomUUID } from 'node:crypto';
import { lockKey } from './keys';
import type { CachedOptions } from './options';
import { tracing } from './tracing';
import type { CacheStrategy, TrafficSource } from './types';

/** What a miss produced, shared by every request of this process that joined it. */
export interface Outcome<V> {
  value: V;
  /** `miss`: computed here; `coalesced`: another caller's stored value; `bypass`: Redis failed meanwhile. */
  status: 'miss' | 'coalesced' | 'bypass';
  strategy: CacheStrategy | null;
  computeMs: number;
  ttlMs: number | null;
  redisMs: number;
}

/** One request through the engine. Its lock key and token are made only when a miss needs them. */
export class Call<V> {
  private lockName: string | undefined;
  private lockToken: string | undefined;

  constructor(
    readonly options: CachedOptions<V>,
    readonly key: string,
    readonly started: number,
  ) {}

  get lock(): string {
    return (this.lockName ??= lockKey(this.options.key));
  }

  /**
   * Proves lock ownership: only the holder's token releases it. When tracing is on it is this
   * call's span as a `traceparent` (random and unique too), so a caller waiting on the lock in
   * another instance links its wait to the span that computes.
   */
  get token(): string {
    return (this.lockToken ??= tracing()?.holder() ?? randomUUID());
  }

  /** A background refresh replacing a value that is still there (the key's timeline says `overwritten`). */
  overwrite = false;
}

export const source = (options: CachedOptions<unknown>): TrafficSource => options.source ?? 'live';
