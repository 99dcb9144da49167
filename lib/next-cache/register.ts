import 'server-only';
import { processWide } from '../core/process-wide';
import { nextCacheEvents } from './events';
import { IncrementalStore } from './incremental';
import { EntryStore } from './store';
import { TagManifest } from './tags';
import { UseCacheHandler, type NextCacheParts } from './use-cache';

/** Where the handler entries (lib/next-cache/entry/*.mjs, plain JS loaded by Next at run time) find the implementation. */
export const REGISTRY = Symbol.for('cachelab.next-cache');

export interface NextCacheImplementation {
  useCache: UseCacheHandler;
  incremental: IncrementalStore;
}

/** The process' parts: one store, one tag manifest, one event queue for both handlers. */
export const nextCacheParts = processWide<NextCacheParts>('next-cache.parts', () => ({ store: new EntryStore(), tags: new TagManifest(), events: nextCacheEvents() }));

/**
 * Makes the handlers live in this process. Next loads the files `next.config.ts` names with a plain
 * run-time `import()` (not bundled), so they cannot import this TypeScript; instrumentation.ts calls
 * this at start-up, inside Next's bundle, and the entries find it on globalThis.
 */
export function registerNextCache(): NextCacheImplementation {
  const anchor = globalThis as unknown as Record<symbol, NextCacheImplementation | undefined>;
  anchor[REGISTRY] ??= { useCache: new UseCacheHandler(nextCacheParts()), incremental: new IncrementalStore(nextCacheParts()) };
  return anchor[REGISTRY];
}
