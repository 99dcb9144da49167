import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import type { z } from 'zod';
import { activeTraceparent } from '../cache/tracing';
import { requireAdmin, requireSameOrigin } from './admin';
import { readJsonBody } from './body';
import { toErrorResponse } from './errors';
import { requireKnownHost } from './hosts';
import { limitRequest, type LimitBucket } from './rate-limit';
import { parseInput, parseQuery } from './validate';

/**
 * What a route declares once; `route()` enforces it in this order, before the handler runs:
 * known Host → admin/origin → rate limit → query → path params → JSON body.
 */
export interface RouteRules<Q extends z.ZodType, B extends z.ZodType | undefined, P extends z.ZodType | undefined> {
  /** `true`: a mutation for the admin (same origin, plus ADMIN_TOKEN when set); `'same-origin'`: a visitor's own write. */
  admin?: true | 'same-origin';
  /**
   * The bucket charged before the handler runs; `'compute'`: the scenario bucket, charged only if the
   * request computes (a miss or a bypass), never when the cache answers — pass `charge` to the engine.
   */
  limit?: LimitBucket | 'compute';
  /** Strict query schema; omitted: the route takes no query parameters at all (any one is a 400). */
  query?: Q;
  /** Dynamic path segments, e.g. `z.object({ city: z.string() })`. */
  params?: P;
  /** JSON body schema: the body is read with the MAX_BODY_BYTES cap, then parsed. */
  body?: B;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<Q, B, P> {
  request: NextRequest;
  query: Q;
  body: B;
  params: P;
  /** Charges this client's scenario budget once per request (429 when spent); with `limit: 'compute'`, the engine calls it before computing. */
  charge: () => Promise<void>;
}

/** What Next passes: `params` for dynamic segments (tests of static routes may pass `{}` or nothing). */
type NextContext = { params?: Promise<Record<string, string | string[]>> };
type NextHandler = (request: NextRequest, context?: NextContext) => Promise<Response>;

/** A handler with its rules attached, so a test can walk every route and check each rule is enforced. */
export type DeclaredRoute = NextHandler & { readonly rules: RouteRules<z.ZodType, z.ZodType | undefined, z.ZodType | undefined> };

/**
 * One way to declare an API route: its rules, then what it does. Every answer — the handler's or
 * an error in the one shape `{ error: { code, message } }` — leaves with `Cache-Control: no-store`
 * (these are live figures and per-request cache verdicts; no proxy may keep them).
 */
export function route<Q extends z.ZodType = z.ZodObject<Record<string, never>>, B extends z.ZodType | undefined = undefined, P extends z.ZodType | undefined = undefined>(
  rules: RouteRules<Q, B, P>,
  handler: (input: RouteInput<z.output<Q>, Out<B>, Out<P>>) => Promise<Response>,
): DeclaredRoute {
  const declared: NextHandler = async (request, context) => {
    let response: Response;
    try {
      response = await handler(await enforce(rules, request, context));
    } catch (error) {
      response = toErrorResponse(error);
    }
    if (!response.headers.has('cache-control')) response.headers.set('Cache-Control', 'no-store');
    // Traced: the response names its trace (W3C trace context in Server-Timing), so a client or a test finds it.
    const traceparent = activeTraceparent();
    if (traceparent !== undefined) response.headers.append('Server-Timing', `traceparent;desc="${traceparent}"`);
    return response;
  };
  return Object.assign(declared, { rules: rules as DeclaredRoute['rules'] });
}

async function enforce<Q extends z.ZodType, B extends z.ZodType | undefined, P extends z.ZodType | undefined>(
  rules: RouteRules<Q, B, P>,
  request: NextRequest,
  context: NextContext | undefined,
): Promise<RouteInput<z.output<Q>, Out<B>, Out<P>>> {
  requireKnownHost(request);
  if (rules.admin === true) requireAdmin(request);
  if (rules.admin === 'same-origin') requireSameOrigin(request);
  if (rules.limit === 'scenario' || rules.limit === 'admin') await limitRequest(request, rules.limit);
  const query = parseQuery(request, rules.query);
  const params = (rules.params ? parseInput(rules.params, await context?.params) : undefined) as Out<P>;
  const body = (rules.body ? parseInput(rules.body, await readJsonBody(request)) : undefined) as Out<B>;
  // Once per request, however many computations it runs (weather computes two forecasts).
  let charged: Promise<void> | undefined;
  return { request, query, params, body, charge: () => (charged ??= limitRequest(request, 'scenario')) };
}

/** `{ data }` as JSON: the success shape of every JSON route. */
export function ok(data: unknown, init: ResponseInit = {}): NextResponse {
  return NextResponse.json({ data }, init);
}
