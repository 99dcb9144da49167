import { route } from '@/lib/http/handler';
import { statsQuery } from '@/lib/http/dashboard-queries';
import { parseQuery } from '@/lib/http/validate';
import { getStats } from '@/lib/stats';
import { NextResponse } from 'next/server';

export const dynamic = 'force-dynamic';

export const GET = route(async (request) => {
  const query = parseQuery(request, statsQuery);
  const stats = await getStats({ windowSeconds: query.window, source: query.source, scenario: query.scenario });
  return NextResponse.json({ data: stats }, { headers: { 'Cache-Control': 'no-store' } });
});
