/** Shapes the API returns; shared by route handlers and client components (no server code here). */
import type { CacheStatus, ExpiryKind } from './cache/types';

export type { CacheStatus, ExpiryKind };

export interface CacheMeta {
  status: CacheStatus;
  key: string;
  expiryKind: ExpiryKind;
  ttlMs: number | null;
  expiresAt: string | null;
  latencyMs: number;
  lookupMs: number;
  computeMs: number;
}

export interface ScenarioResponse<V> {
  data: V;
  cache: CacheMeta;
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}

export interface HealthResponse {
  status: 'ok' | 'degraded';
  backend: 'redis' | 'embedded';
  redis: { connected: boolean; version: string | null; circuit: 'closed' | 'open' | 'half-open' };
}
