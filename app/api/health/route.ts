import { getHealth } from '@/lib/health';
import { route } from '@/lib/http/handler';
import { NextResponse } from 'next/server';

export const GET = route(async () => {
  const health = await getHealth();
  return NextResponse.json(health, { status: health.status === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
});
