import { z } from 'zod';
import { ok, route } from '@/lib/http/handler';
import { invalidateTag, revalidatePathTags } from '@/lib/next-cache';

const body = z.strictObject({ path: z.string().regex(/^\/[^\s?#]*$/, 'a path such as /weather').max(512) });

/** revalidatePath(path) for every instance: the entries rendered under that path go, the others stay; 503 when Redis did not record it. */
export const POST = route({ admin: true, limit: 'admin', body }, async ({ body }) => {
  await invalidateTag(revalidatePathTags(body.path), { mode: 'update' });
  return ok({ path: body.path });
});
