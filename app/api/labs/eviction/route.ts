import { ok } from '@/lib/http/handler';
import { evictionRequest } from '@/lib/features/labs/eviction-config';
import { latestEviction, startEviction } from '@/lib/features/labs/eviction-runs';
import { labRoute } from '../lab-route';

/** The latest eviction run on this instance, so a reloaded page finds it again. */
export const GET = labRoute({}, async () => ok(latestEviction()?.snapshot() ?? null));

export const POST = labRoute({ admin: true, limit: 'admin', body: evictionRequest }, async ({ body }) => {
  const run = await startEviction(body);
  return ok(run.snapshot(), { status: 202, headers: { Location: `/api/labs/eviction/${run.id}` } });
});
