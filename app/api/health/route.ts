import { getHealth } from '@/lib/health';
import { route } from '@/lib/http/handler';
import { parseQuery } from '@/lib/http/validate';
import { NextResponse } from 'next/server';

export const GET = route(async (request) => {
  parseQuery(request);
  const health = await getHealth();
  return NextResponse.json(health, { status: health.status === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
});
