import { keyQuery } from '@/lib/http/dashboard-queries';
import { ok, route } from '@/lib/http/handler';
import { keyTimeline } from '@/lib/features/keylife/read';

/** One cache key's life, oldest first: stored, hits, TTL zero, expired / evicted / deleted, stored again. */
export const GET = route({ query: keyQuery }, async ({ query: { key } }) => ok(await keyTimeline(key)));
