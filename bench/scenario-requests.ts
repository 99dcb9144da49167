import { SCENARIOS } from '../lib/scenarios/registry';

/**
 * How to ask the running app for each scenario, by scenario id: the registry's sample input of
 * rank 0 through the generic route `/api/scenarios/{id}`, so a new scenario is measured without
 * a line here. A scenario without `sampleInput` has no request (reported as such).
 */
export interface ScenarioRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

export const SCENARIO_REQUESTS: Readonly<Record<string, ScenarioRequest>> = Object.fromEntries(
  SCENARIOS.flatMap((scenario) => {
    const input = scenario.sampleInput?.(0) as Record<string, string> | undefined;
    return input === undefined ? [] : [[scenario.id, { method: 'GET', path: `/api/scenarios/${scenario.id}?${new URLSearchParams(input)}` }]];
  }),
);

export function send(origin: string, request: ScenarioRequest): Promise<Response> {
  return fetch(origin + request.path, {
    method: request.method,
    headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
}

/** Durations (ms) from a `Server-Timing` header, by metric name (`total`, `cache-2`, …). */
export function serverTimings(header: string | null): Map<string, number> {
  const timings = new Map<string, number>();
  for (const match of (header ?? '').matchAll(/([\w-]+)(?:;desc="[^"]*")?;dur=([\d.]+)/g)) timings.set(match[1]!, Number(match[2]));
  return timings;
}
