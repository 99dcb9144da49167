import { route } from '@/lib/http/handler';
import { invalidateEntry, scenarioQuery, serveScenario } from '@/lib/http/scenario-response';
import { sentimentScenario } from '@/lib/scenarios/sentiment/scenario';
import { z } from 'zod';

/** Any JSON value: the scenario's own input schema checks it (once), with the model's statuses. */
const body = z.unknown();

export const POST = route({ limit: 'compute', query: scenarioQuery, body }, (lookup) => serveScenario(sentimentScenario, lookup.body, lookup));

export const DELETE = route({ admin: true, limit: 'admin', body }, ({ body }) => invalidateEntry(sentimentScenario, body));
