export { CacheEngine, cached, invalidate, invalidateMany, type CachedOptions, type CachedResult, type RedisRunner } from './engine';
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
