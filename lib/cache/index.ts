export { cached, invalidate, type CachedOptions, type CachedResult } from './engine';
export { flushMetrics } from './recorder';
export { STATUSES, SOURCES, type CacheStatus, type Expiry, type ExpiryKind, type TrafficSource } from './types';
