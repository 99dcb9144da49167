import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import type { CachedResult } from '../cache';
import { recordRoomRequest } from '../classroom/record';
import { runScenario, type Scenario } from '../scenarios/scenario';
import { parseInput, parseQuery } from './validate';

const scenarioQuery = z.strictObject({ cache: z.enum(['bypass']).optional() });

/** `?cache=bypass` computes without the cache; any other query parameter is a mistake worth a 400. */
export function cacheMode(request: NextRequest): 'cache' | 'bypass' {
  return parseQuery(request, scenarioQuery).cache ?? 'cache';
}

/** The shared envelope of every scenario endpoint: parse → run through the cache → shape. */
export async function serveScenario<I, V>(scenario: Scenario<I, V>, rawInput: unknown, request: NextRequest): Promise<NextResponse> {
  const mode = cacheMode(request);
  const input = parseInput(scenario.input, rawInput);
  const result = await runScenario(scenario, input, { mode });
  await recordRoomRequest(request, result);
  return scenarioResponse(result);
}

export function cacheMeta(result: CachedResult<unknown>) {
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
  };
}

export function scenarioResponse<V>(result: CachedResult<V>, data: unknown = result.value): NextResponse {
  return NextResponse.json({ data, cache: cacheMeta(result) }, { headers: cacheHeaders([result]) });
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
    'Cache-Control': 'no-store',
  };
}

/** A coalesced request waited for a computation like a miss; a stale one was served from the cache. */
function xCache(status: CachedResult<unknown>['status']): string {
  if (status === 'coalesced') return 'MISS';
  if (status === 'stale') return 'HIT';
  return status.toUpperCase();
}

/** Milliseconds to the microsecond, for JSON and Server-Timing. */
export const roundMs = (ms: number) => Math.round(ms * 1000) / 1000;
