import { z } from 'zod';
import { tagActionSchema } from '@/lib/contracts/next-cache';
import { ok, route } from '@/lib/http/handler';
import { invalidateTag } from '@/lib/next-cache';

const params = z.object({ tag: z.string().min(1).max(256) });

/** `update` (updateTag: expired now) or `revalidate` with a cacheLife profile (stale now), on every instance; 503 when Redis did not record it. */
export const POST = route({ admin: true, limit: 'admin', params, body: tagActionSchema }, async ({ params, body }) => {
  await invalidateTag([params.tag], body);
  return ok({ tag: params.tag, mode: body.mode });
});
