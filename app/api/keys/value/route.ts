import { keyQuery } from '@/lib/http/dashboard-queries';
import { ok, route } from '@/lib/http/handler';
import { readKeyValue } from '@/lib/features/keyspace/entry';

export const GET = route({ query: keyQuery }, async ({ query: { key } }) => ok(await readKeyValue(key)));
