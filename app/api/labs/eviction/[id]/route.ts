import { z } from 'zod';
import { ok } from '@/lib/http/handler';
import { findEviction } from '@/lib/features/labs/eviction-runs';
import { labRoute } from '../../lab-route';

const params = z.object({ id: z.string() });

/** Progress and results of one run: per policy, the steady-state hit ratio beside theory, and its samples. */
export const GET = labRoute({ params }, async ({ params: { id } }) => ok(findEviction(id).snapshot()));

/** Cancels a run: nothing more is sent; the policy running now ends with what it measured. */
export const DELETE = labRoute({ admin: true, limit: 'admin', params }, async ({ params: { id } }) => {
  const run = findEviction(id);
  run.cancel();
  await run.finished;
  return ok(run.snapshot());
});
