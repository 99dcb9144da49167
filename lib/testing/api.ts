import { NextRequest } from 'next/server';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type RouteModule = Partial<Record<Method, Handler>>;

/**
 * Every API route by its Next.js path pattern, loaded lazily so a test can set
 * process.env (read once by lib/env.ts) before the first call. A new endpoint is one line.
 */
const ROUTES: Record<string, () => Promise<RouteModule>> = {
  '/api/health': () => import('@/app/api/health/route'),
  '/api/username/[username]': () => import('@/app/api/username/[username]/route') as Promise<RouteModule>,
  '/api/sentiment': () => import('@/app/api/sentiment/route'),
  '/api/leaderboard': () => import('@/app/api/leaderboard/route'),
  '/api/leaderboard/games': () => import('@/app/api/leaderboard/games/route'),
  '/api/leaderboard/live': () => import('@/app/api/leaderboard/live/route'),
  '/api/weather': () => import('@/app/api/weather/route'),
  '/api/weather/[city]': () => import('@/app/api/weather/[city]/route') as Promise<RouteModule>,
  '/api/stats': () => import('@/app/api/stats/route'),
  '/api/stats/reset': () => import('@/app/api/stats/reset/route'),
  '/api/keys': () => import('@/app/api/keys/route'),
  '/api/keys/value': () => import('@/app/api/keys/value/route'),
  '/api/scenarios/[scenario]/cache': () => import('@/app/api/scenarios/[scenario]/cache/route') as Promise<RouteModule>,
  '/api/events': () => import('@/app/api/events/route'),
  '/api/redis/info': () => import('@/app/api/redis/info/route'),
  '/api/metrics': () => import('@/app/api/metrics/route'),
  '/api/labs': () => import('@/app/api/labs/route'),
  '/api/labs/eviction': () => import('@/app/api/labs/eviction/route'),
  '/api/labs/eviction/[id]': () => import('@/app/api/labs/eviction/[id]/route') as Promise<RouteModule>,
  '/api/labs/faults': () => import('@/app/api/labs/faults/route'),
};

export const ORIGIN = 'http://localhost';

export interface ApiCall {
  method?: Method;
  /** Path and query, e.g. `/api/username/alice?cache=bypass`; percent-encode what a browser would. */
  url: string;
  headers?: Record<string, string>;
  body?: BodyInit;
}

/**
 * Calls the real route handler in process, the way `next start` would: the path is
 * matched against the route patterns and its dynamic segments are percent-decoded.
 * No match answers 404, a pattern without that method 405, as Next.js does.
 */
export async function callApi({ method = 'GET', url, headers = {}, body }: ApiCall): Promise<Response> {
  const request = new NextRequest(new URL(url, ORIGIN), {
    method,
    headers: { host: new URL(ORIGIN).host, ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  });
  const match = matchRoute(request.nextUrl.pathname);
  if (!match) return new Response('Not found', { status: 404 });
  const handler = (await ROUTES[match.pattern]?.())?.[method];
  if (!handler) return new Response('Method not allowed', { status: 405 });
  return handler(request, { params: Promise.resolve(match.params) });
}

function matchRoute(pathname: string): { pattern: string; params: Record<string, string> } | null {
  const segments = pathname.split('/');
  for (const pattern of Object.keys(ROUTES)) {
    const parts = pattern.split('/');
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = parts.every((part, index) => {
      const segment = segments[index] ?? '';
      const name = /^\[(\w+)\]$/.exec(part)?.[1];
      if (name === undefined) return part === segment;
      params[name] = decodeURIComponent(segment);
      return segment !== '';
    });
    if (matches) return { pattern, params };
  }
  return null;
}

/** The body of a response, as JSON when it is JSON. */
export async function json(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
