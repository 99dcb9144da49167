import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { invalidate, type CachedResult } from '../cache';
import { cacheKey } from '../cache/keys';
import { recordRoomRequest } from '../features/classroom/record';
import { env } from '../core/env';
import type { CacheMeta, Invalidated, ScenarioResponse } from '../contracts/scenario';
import { runScenario, type Scenario } from '../scenarios/scenario';
import { parseInput } from './validate';

/**
 * The query of every scenario lookup: `?cache=bypass` computes without the cache; `?ttl=<seconds>`
 * stores the entry with that TTL instead of the scenario's own expiry (to watch it expire).
 */
export const scenarioQuery = z.strictObject({
  cache: z.enum(['bypass']).optional(),
  ttl: z.coerce.number().int().min(1).max(env.SCENARIO_MAX_TTL_SECONDS).optional(),
});
export type ScenarioQuery = z.output<typeof scenarioQuery>;

/** What a scenario lookup takes from its route: the parsed query and the rate-limit charge for a computation. */
export interface LookupRequest {
  query: ScenarioQuery;
  charge: () => Promise<void>;
  /**
   * The request itself: it names the lookup on the key's timeline (`GET /api/username/ada`), and a classroom's
   * student may have sent it (lib/features/classroom/record.ts reads its headers).
   */
  request?: NextRequest;
}

/** The options of a lookup: bypass or not, a `?ttl=` override, the client charged only when it computes. */
export function lookupOptions({ query, charge, request }: LookupRequest) {
  return {
    mode: query.cache ?? 'cache',
    ttlMs: query.ttl === undefined ? undefined : query.ttl * 1000,
    admit: charge,
    origin: request ? `${request.method} ${request.nextUrl.pathname}` : undefined,
  } as const;
}

/** The shared envelope of every scenario endpoint: validate → run through the cache → shape. */
export async function serveScenario<I, V>(scenario: Scenario<I, V>, rawInput: unknown, lookup: LookupRequest, code?: string): Promise<NextResponse> {
  const input = parseInput(scenario.input, rawInput, code);
  const result = await runScenario(scenario, input, lookupOptions(lookup));
  await recordRoomRequest(lookup.request, result);
  return NextResponse.json<ScenarioResponse<V>>({ data: result.value, cache: cacheMeta(result) }, { headers: cacheHeaders([result]) });
}

/** Several lookups in one answer (weather's two strategies): `cache` names each lookup's verdict. */
export function scenarioResponses<K extends string, D>(data: D, results: Record<K, CachedResult<unknown>>): NextResponse<{ data: D; cache: Record<K, CacheMeta> }> {
  const entries = Object.entries(results) as [K, CachedResult<unknown>][];
  const cache = Object.fromEntries(entries.map(([name, result]) => [name, cacheMeta(result)])) as Record<K, CacheMeta>;
  return NextResponse.json({ data, cache }, { headers: cacheHeaders(entries.map(([, result]) => result)) });
}

/** The one invalidate handler: the entry of each input (validated like a lookup) deleted. */
export async function invalidateEntries<I>(scenario: Scenario<I, unknown>, rawInputs: readonly unknown[], code?: string) {
  const keys = rawInputs.map((raw) => scenario.keyOf(parseInput(scenario.input, raw, code)));
  const deleted = await Promise.all(keys.map((key) => invalidate(key)));
  return { keys: keys.map((key) => cacheKey(key)), deleted: deleted.some(Boolean) };
}

/** One entry's DELETE: `{ data: { key, deleted } }`. */
export async function invalidateEntry<I>(scenario: Scenario<I, unknown>, rawInput: unknown, code?: string): Promise<NextResponse> {
  const { keys, deleted } = await invalidateEntries(scenario, [rawInput], code);
  return NextResponse.json<{ data: Invalidated }>({ data: { key: keys[0] ?? '', deleted } });
}

export function cacheMeta(result: CachedResult<unknown>): CacheMeta {
  return {
    status: result.status,
    key: result.key,
    expiryKind: result.expiryKind,
    ttlMs: result.ttlMs,
    expiresAt: result.expiresAt === null ? null : new Date(result.expiresAt).toISOString(),
    latencyMs: roundMs(result.latencyMs),
    lookupMs: roundMs(result.lookupMs),
    computeMs: roundMs(result.computeMs),
    strategy: result.strategy,
    refreshing: result.refreshing,
    ttlAskedMs: result.ttlAskedMs,
  };
}

/** `X-Cache` and `Server-Timing` so the browser's devtools show what the cache did. */
export function cacheHeaders(results: readonly CachedResult<unknown>[]): Record<string, string> {
  const timing = results.flatMap((result, index) => {
    const suffix = results.length > 1 ? `-${index + 1}` : '';
    return [
      `cache${suffix};desc="${result.status.toUpperCase()}";dur=${roundMs(result.lookupMs)}`,
      `compute${suffix};dur=${roundMs(result.computeMs)}`,
      `total${suffix};dur=${roundMs(result.latencyMs)}`,
    ];
  });
  return {
    'X-Cache': results.map((result) => xCache(result.status)).join(', '),
    // The precise status: X-Cache keeps to the conventional HIT / MISS / BYPASS.
    'X-Cache-Status': results.map((result) => result.status).join(', '),
    'X-Cache-Strategy': results.map((result) => result.strategy ?? 'none').join(', '),
    'Server-Timing': timing.join(', '),
  };
}

/** A coalesced request waited for a computation like a miss; a stale or near one was served from the cache. */
function xCache(status: CachedResult<unknown>['status']): string {
  if (status === 'coalesced') return 'MISS';
  if (status === 'stale' || status === 'near-hit') return 'HIT';
  return status.toUpperCase();
}

/** Milliseconds to the microsecond, for JSON and Server-Timing. */
export const roundMs = (ms: number) => Math.round(ms * 1000) / 1000;
