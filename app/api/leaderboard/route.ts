import { NextResponse } from 'next/server';
import { invalidate } from '@/lib/cache';
import { requireAdmin } from '@/lib/http/admin';
import { route } from '@/lib/http/handler';
import { serveScenario } from '@/lib/http/scenario-response';
import { leaderboardScenario } from '@/lib/scenarios/leaderboard/scenario';

export const GET = route(async (request) => serveScenario(leaderboardScenario, {}, request));

export const DELETE = route(async (request) => {
  requireAdmin(request);
  const key = leaderboardScenario.keyOf({});
  return NextResponse.json({ data: { key, deleted: await invalidate(key) } });
});
