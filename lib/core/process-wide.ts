/**
 * One instance per process, anchored on globalThis under `Symbol.for('cachelab.<name>')`: Next.js
 * evaluates modules in several graphs (route handlers, pages, instrumentation) and again on hot
 * reload, and a module-level `const` would give each graph its own copy. `make` runs on first use.
 */
export function processWide<T>(name: string, make: () => T): () => T {
  const key = Symbol.for(`cachelab.${name}`);
  const anchor = globalThis as unknown as Record<symbol, T | undefined>;
  return () => (anchor[key] ??= make());
}
