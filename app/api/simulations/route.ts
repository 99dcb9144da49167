import { ok, route } from '@/lib/http/handler';
import { simulationRequest } from '@/lib/features/simulator/config';
import { latestSimulation, startSimulation } from '@/lib/features/simulator/manager';

/** The latest run on this instance (running or finished), so a reloaded page finds it again. */
export const GET = route({}, async () => ok(latestSimulation()?.snapshot() ?? null));

export const POST = route({ admin: true, limit: 'admin', body: simulationRequest }, async ({ body }) => {
  const run = await startSimulation(body);
  return ok(run.snapshot(), { status: 202, headers: { Location: `/api/simulations/${run.id}` } });
});
