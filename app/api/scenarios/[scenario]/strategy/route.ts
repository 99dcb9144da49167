import { z } from 'zod';
import { STRATEGIES } from '@/lib/cache';
import { readStrategy, writeStrategy } from '@/lib/cache/strategy-setting';
import { ok, route } from '@/lib/http/handler';
import { scenarioOrNotFound } from '@/lib/scenarios/registry';

const params = z.object({ scenario: z.string().transform((id) => scenarioOrNotFound(id)) });
const body = z.strictObject({ strategy: z.enum(STRATEGIES) });

export const GET = route({ params }, async ({ params: { scenario } }) => ok({ scenario: scenario.id, strategy: await readStrategy(scenario.id) }));

export const PUT = route({ admin: true, limit: 'admin', params, body }, async ({ params: { scenario }, body: { strategy } }) => {
  await writeStrategy(scenario.id, strategy);
  return ok({ scenario: scenario.id, strategy });
});
