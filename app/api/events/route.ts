import { eventsQuery } from '@/lib/http/dashboard-queries';
import { parseQuery } from '@/lib/http/validate';
import { route } from '@/lib/http/handler';
import { sourcesOf } from '@/lib/stats';
import { recentEvents } from '@/lib/stats/events';
import { NextResponse } from 'next/server';

export const dynamic = 'force-dynamic';

export const GET = route(async (request) => {
  const { count, source } = parseQuery(request, eventsQuery);
  return NextResponse.json({ data: await recentEvents(count, sourcesOf(source)) }, { headers: { 'Cache-Control': 'no-store' } });
});
