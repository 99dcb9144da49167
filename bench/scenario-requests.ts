/**
 * How to ask the running app for each scenario, by scenario id. A scenario the app lists
 * (its registry, through /api/stats) without a line here is reported as such: add its
 * request here. One listed here whose route does not exist yet is "not available yet".
 */
export interface ScenarioRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

export const SCENARIO_REQUESTS: Readonly<Record<string, ScenarioRequest>> = {
  username: { method: 'GET', path: '/api/username/bench-speedup' },
  sentiment: { method: 'POST', path: '/api/sentiment', body: { sentence: 'Benchmarks are only as honest as their baseline.' } },
  leaderboard: { method: 'GET', path: '/api/leaderboard' },
  weather: { method: 'GET', path: '/api/weather/paris' },
};

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
