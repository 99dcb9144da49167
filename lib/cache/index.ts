export { cached, invalidate, invalidateMany } from './api';
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
