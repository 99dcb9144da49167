import { ok, route } from '@/lib/http/handler';
import { instanceName, listEntries, nextCacheEvents } from '@/lib/next-cache';

/** Next's entries in Redis and the latest events of Next's cache, for /next-cache (docs/api.md). */
export const GET = route({}, async () => {
  const readAt = Date.now();
  const [{ entries, truncated }, events] = await Promise.all([listEntries(readAt), nextCacheEvents().recent(40)]);
  return ok({ entries, truncated, events, instance: instanceName(), readAt });
});
