import { z } from 'zod';
import { ok, route } from '@/lib/http/handler';
import { findSimulation } from '@/lib/features/simulator/manager';

const params = z.object({ id: z.string() });

/** Progress, live figures and, once finished, the result of one run. */
export const GET = route({ params }, async ({ params: { id } }) => ok(findSimulation(id).snapshot()));

/** Cancels a run: nothing more is sent; requests in flight finish and are counted. */
export const DELETE = route({ admin: true, limit: 'admin', params }, async ({ params: { id } }) => {
  const run = findSimulation(id);
  run.cancel();
  await run.finished;
  return ok(run.snapshot());
});
