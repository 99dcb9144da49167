import { requireAdmin } from '@/lib/http/admin';
import { noQuery, parseQuery } from '@/lib/http/dashboard-queries';
import { route } from '@/lib/http/handler';
import { resetStats } from '@/lib/stats/reset';
import { NextResponse } from 'next/server';

export const POST = route(async (request) => {
  requireAdmin(request);
  parseQuery(noQuery, request);
  return NextResponse.json({ data: { deleted: await resetStats() } });
});
