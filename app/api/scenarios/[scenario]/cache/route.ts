import { ok, route } from '@/lib/http/handler';
import { flushScenario } from '@/lib/features/keyspace/entry';
import { z } from 'zod';

const params = z.object({ scenario: z.string() });

export const DELETE = route({ admin: true, limit: 'admin', params }, async ({ params: { scenario } }) => ok({ scenario, deleted: await flushScenario(scenario) }));
