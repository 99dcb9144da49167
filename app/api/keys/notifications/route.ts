import { ApiError } from '@/lib/core/errors';
import { ok, route } from '@/lib/http/handler';
import { enableNotifications, notificationStatus } from '@/lib/features/keylife/hub';

/** Whether Redis sends the keyspace notifications the key pages need, and what is missing. */
export const GET = route({}, async () => ok(await notificationStatus()));

/** Adds the missing classes to notify-keyspace-events (CONFIG SET); a refusal is explained (409). */
export const POST = route({ admin: true, limit: 'admin' }, async () => {
  const result = await enableNotifications();
  if (result.flags === null) throw new ApiError(409, 'config_refused', result.refusal);
  return ok(await notificationStatus());
});
