import { requireAdmin } from '@/lib/http/admin';
import { parseQuery } from '@/lib/http/validate';
import { route } from '@/lib/http/handler';
import { limitRequest } from '@/lib/http/rate-limit';
import { resetStats } from '@/lib/stats/reset';
import { NextResponse } from 'next/server';

export const POST = route(async (request) => {
  await limitRequest(request, 'admin');
  requireAdmin(request);
  parseQuery(request);
  return NextResponse.json({ data: { deleted: await resetStats() } });
});
