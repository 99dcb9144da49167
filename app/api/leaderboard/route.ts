import { NextResponse } from 'next/server';
import { invalidate } from '@/lib/cache';
import { cacheKey } from '@/lib/cache/keys';
import { requireAdmin } from '@/lib/http/admin';
import { route } from '@/lib/http/handler';
import { parseQuery } from '@/lib/http/validate';
import { limitRequest } from '@/lib/http/rate-limit';
import { serveScenario } from '@/lib/http/scenario-response';
import { leaderboardScenario } from '@/lib/scenarios/leaderboard/scenario';

export const GET = route(async (request) => {
  await limitRequest(request, 'scenario');
  return serveScenario(leaderboardScenario, {}, request);
});

export const DELETE = route(async (request) => {
  parseQuery(request);
  await limitRequest(request, 'admin');
  requireAdmin(request);
  const key = leaderboardScenario.keyOf({});
  return NextResponse.json({ data: { key: cacheKey(key), deleted: await invalidate(key) } });
});
