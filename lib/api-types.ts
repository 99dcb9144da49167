/** Shapes the API returns; shared by route handlers and client components (no server code here). */
import type { CacheStatus, CacheStrategy, ExpiryKind } from './cache/types';

export type { CacheStatus, CacheStrategy, ExpiryKind };

export interface CacheMeta {
  status: CacheStatus;
  key: string;
  expiryKind: ExpiryKind;
  ttlMs: number | null;
  expiresAt: string | null;
  latencyMs: number;
  lookupMs: number;
  computeMs: number;
  /** The strategy that served it; null when the cache was not used (bypass). */
  strategy: CacheStrategy | null;
  /** Served stale, and this request started the one background refresh. */
  refreshing: boolean;
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
  redis: { connected: boolean; version: string | null; circuit: 'closed' | 'open' | 'half-open'; topology: 'standalone' | 'cluster' };
  /** Cache commands failing although Redis may answer, in plain words with what to do (lib/health.ts). */
  problems: { code: string; summary: string; advice: string; detail: string; count: number; lastAt: number }[];
}
