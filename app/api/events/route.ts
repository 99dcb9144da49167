import { eventsQuery, parseQuery } from '@/lib/http/dashboard-queries';
import { route } from '@/lib/http/handler';
import { sourcesOf } from '@/lib/stats';
import { recentEvents } from '@/lib/stats/events';
import { NextResponse } from 'next/server';

export const dynamic = 'force-dynamic';

export const GET = route(async (request) => {
  const { count, source } = parseQuery(eventsQuery, request);
  return NextResponse.json({ data: await recentEvents(count, sourcesOf(source)) }, { headers: { 'Cache-Control': 'no-store' } });
});
