import { parseQuery } from '@/lib/http/validate';
import { route } from '@/lib/http/handler';
import { getRedisInfo } from '@/lib/redis-info';
import { NextResponse } from 'next/server';

export const dynamic = 'force-dynamic';

export const GET = route(async (request) => {
  parseQuery(request);
  return NextResponse.json({ data: await getRedisInfo() }, { headers: { 'Cache-Control': 'no-store' } });
});
