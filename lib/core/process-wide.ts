/**
 * One instance per process, anchored on globalThis under `Symbol.for('cachelab.<name>')`: Next.js
 * evaluates modules in several graphs (route handlers, pages, instrumentation) and again on hot
 * reload, and a module-level `const` would give each graph its own copy. `make` runs on first use.
 * Once found, the instance is also kept in the accessor itself: a symbol-keyed read of globalThis
 * (through its proxy, from one accessor shared by every name) was a tenth of a cache hit's CPU,
 * and the hit path asks for several of these. The anchor is never replaced once set, so every
 * graph's accessor still returns the same instance.
 */
export function processWide<T>(name: string, make: () => T): () => T {
  const key = Symbol.for(`cachelab.${name}`);
  const anchor = globalThis as unknown as Record<symbol, T | undefined>;
  let found: T | undefined;
  return () => (found ??= anchor[key] ??= make());
}
