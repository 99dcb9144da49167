import { statsQuery } from '@/lib/http/dashboard-queries';
import { ok, route } from '@/lib/http/handler';
import { getStats } from '@/lib/features/stats';

export const GET = route({ query: statsQuery }, async ({ query }) =>
  ok(await getStats({ windowSeconds: query.window, source: query.source, scenario: query.scenario })),
);
