import { eventsQuery } from '@/lib/http/dashboard-queries';
import { ok, route } from '@/lib/http/handler';
import { sourcesOf } from '@/lib/features/stats';
import { recentEvents } from '@/lib/features/stats/events';

export const GET = route({ query: eventsQuery }, async ({ query: { count, source } }) => ok(await recentEvents(count, sourcesOf(source))));
