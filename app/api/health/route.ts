import type { HealthResponse } from '@/lib/contracts/health';
import { getHealth } from '@/lib/server/health';
import { route } from '@/lib/http/handler';
import { NextResponse } from 'next/server';

export const GET = route({}, async () => {
  const health: HealthResponse = await getHealth();
  return NextResponse.json(health, { status: health.status === 'ok' ? 200 : 503 });
});
