import type { Observation } from './event';
import { processWide } from '../core/process-wide';

/** An entry the engine has just written: what only the engine knows about it. */
export interface StoredEvent {
  key: string;
  /** Who asked for it: a request, the simulator, an swr refresh… */
  by: string;
  computeMs: number;
  /** TTL asked for (null: an absolute expiry such as the next midnight). */
  ttlMs: number | null;
  /** When Redis may remove it: now + the PTTL the store returned. */
  expiresAt: number;
  /** True when it replaced a value still held (an swr refresh). */
  overwrite: boolean;
}

export interface DeletedEvent {
  key: string;
  /** Which endpoint or action deleted it. */
  by: string;
}

/**
 * What features that watch the cache (key life, and whatever comes next) hear from the engine.
 * The engine calls these and knows nothing of who listens: an arrow from a feature points down
 * to the engine, never the reverse. `answered` is on the hit path: it must not allocate or wait.
 */
export interface CacheObserver {
  /** Every answer, once, with its status (the same object the recorder counts). */
  answered?(event: Observation): void;
  stored?(event: StoredEvent): void;
  /** Awaited: the page that asked for the delete looks at the key's life right away. */
  deleted?(event: DeletedEvent): Promise<void> | void;
  /** "Everything pending is written" (tests, shutdown): observers that batch flush too. */
  flush?(): Promise<void>;
}

interface Registry {
  byName: Map<string, CacheObserver>;
  /** Snapshot of byName's values, rebuilt on (un)registering: the hit path walks a plain array. */
  list: CacheObserver[];
}

const registry = processWide<Registry>('cache.observers', () => ({ byName: new Map(), list: [] }));

/**
 * Registers (or replaces) the observer under `name`: one per feature, so a module graph loaded
 * twice (Next.js bundles, tests that reset modules) still registers it once.
 */
export function observeCache(name: string, observer: CacheObserver): () => void {
  const state = registry();
  state.byName.set(name, observer);
  state.list = [...state.byName.values()];
  return () => {
    if (state.byName.get(name) !== observer) return;
    state.byName.delete(name);
    state.list = [...state.byName.values()];
  };
}

/** The engine's side: tell every observer. */
export const notify = {
  answered(event: Observation) {
    const { list } = registry();
    for (let index = 0; index < list.length; index += 1) list[index]!.answered?.(event);
  },
  stored(event: StoredEvent) {
    for (const observer of registry().list) observer.stored?.(event);
  },
  async deleted(event: DeletedEvent) {
    await Promise.all(registry().list.map((observer) => observer.deleted?.(event)));
  },
  async flush() {
    await Promise.all(registry().list.map((observer) => observer.flush?.()));
  },
};
