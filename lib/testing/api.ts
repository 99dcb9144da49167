import { readdirSync } from 'node:fs';
import path from 'node:path';
import { NextRequest } from 'next/server';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type RouteModule = Partial<Record<Method, Handler>>;

const API_ROOT = path.join(process.cwd(), 'app/api');

/** Every app/api/**\/route.ts by its Next.js path pattern (e.g. `/api/weather/[city]`), static segments first. */
export function routePatterns(directory = API_ROOT): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') found.set(`/api/${path.relative(directory, folder).split(path.sep).join('/')}`.replace(/\/$/, ''), full);
    }
  };
  walk(directory);
  const dynamicSegments = (pattern: string) => (pattern.match(/\[/g) ?? []).length;
  return new Map([...found].sort(([a], [b]) => dynamicSegments(a) - dynamicSegments(b)));
}

/** Loaded lazily, so a test can set process.env (read once by lib/core/env.ts) before the first call. */
const ROUTES = routePatterns();

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
  // As instrumentation.ts does at start-up (lazily: the test's process.env is set by now).
  (await import('../server/wiring')).wireFeatures();
  const match = matchRoute(request.nextUrl.pathname);
  if (!match) return new Response('Not found', { status: 404 });
  const file = ROUTES.get(match.pattern);
  const handler = file === undefined ? undefined : ((await import(file)) as RouteModule)[method];
  if (!handler) return new Response('Method not allowed', { status: 405 });
  return handler(request, { params: Promise.resolve(match.params) });
}

function matchRoute(pathname: string): { pattern: string; params: Record<string, string> } | null {
  const segments = pathname.split('/');
  for (const pattern of ROUTES.keys()) {
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
