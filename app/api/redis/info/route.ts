import { noQuery, parseQuery } from '@/lib/http/dashboard-queries';
import { route } from '@/lib/http/handler';
import { getRedisInfo } from '@/lib/redis-info';
import { NextResponse } from 'next/server';

export const dynamic = 'force-dynamic';

export const GET = route(async (request) => {
  parseQuery(noQuery, request);
  return NextResponse.json({ data: await getRedisInfo() }, { headers: { 'Cache-Control': 'no-store' } });
});
