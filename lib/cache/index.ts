export { cached, invalidate, invalidateMany, noteDeleted } from './api';
export { observeCache, type CacheObserver, type DeletedEvent, type StoredEvent } from './observers';
export { CacheEngine } from './engine';
export type { CachedOptions, CachedResult, RedisRunner } from './options';
export { flushMetrics } from './recorder';
export {
  DEFAULT_STRATEGY,
  SOURCES,
  STATUSES,
  STRATEGIES,
  hitRatio,
  isStrategy,
  type CacheStatus,
  type CacheStrategy,
  type Expiry,
  type ExpiryKind,
  type TrafficSource,
} from './types';
