import { z } from 'zod';
import { ApiError } from '@/lib/core/errors';
import { route } from '@/lib/http/handler';
import { invalidateEntry, scenarioQuery, serveScenario } from '@/lib/http/scenario-response';
import { parseInput } from '@/lib/http/validate';
import { scenarioOrNotFound } from '@/lib/scenarios/registry';

/**
 * Any registered scenario by id, its input in the query string: `GET /api/scenarios/rates?pair=EUR-USD`
 * looks up (`&cache=bypass` computes without the cache), `DELETE` with the same query invalidates.
 * A new scenario is served here without a route of its own; its input schema (strict) refuses
 * unknown parameters.
 */
const params = z.object({ scenario: z.string().transform((id) => scenarioOrNotFound(id)) });
const query = z.record(z.string(), z.string());
/** `&ttl=<seconds>`: the same bounds as every scenario endpoint. */
const ttlQuery = scenarioQuery.pick({ ttl: true });

export const GET = route({ limit: 'compute', query, params }, ({ query: { cache, ttl, ...input }, params: { scenario }, charge, request }) =>
  serveScenario(scenario, input, { query: { cache: cacheParam(cache), ttl: parseInput(ttlQuery, { ttl }, 'invalid_query').ttl }, charge, request }, 'invalid_query'),
);

export const DELETE = route({ admin: true, limit: 'admin', query, params }, ({ query: input, params: { scenario } }) => invalidateEntry(scenario, input, 'invalid_query'));

function cacheParam(value: string | undefined): 'bypass' | undefined {
  if (value === undefined || value === 'bypass') return value;
  throw new ApiError(400, 'invalid_query', 'cache: must be "bypass" or left out');
}
