import { keyQuery, keysQuery } from '@/lib/http/dashboard-queries';
import { ok, route } from '@/lib/http/handler';
import { listKeys } from '@/lib/features/keyspace/browse';
import { deleteKey } from '@/lib/features/keyspace/entry';

export const GET = route({ query: keysQuery }, async ({ query: { scenario, match, cursor } }) =>
  ok(await listKeys({ scenario: scenario || undefined, match, cursor })),
);

export const DELETE = route({ admin: true, limit: 'admin', query: keyQuery }, async ({ query: { key } }) => ok({ key, deleted: await deleteKey(key) }));
