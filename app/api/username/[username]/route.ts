import { route } from '@/lib/http/handler';
import { invalidateEntry, scenarioQuery, serveScenario } from '@/lib/http/scenario-response';
import { usernameScenario } from '@/lib/scenarios/username';
import { z } from 'zod';

/** The segment as given: the scenario's input schema validates and normalises it (once). */
const params = z.object({ username: z.string() });

export const GET = route({ limit: 'compute', query: scenarioQuery, params }, (lookup) => serveScenario(usernameScenario, lookup.params, lookup));

export const DELETE = route({ admin: true, limit: 'admin', params }, ({ params }) => invalidateEntry(usernameScenario, params));
