import { NextResponse } from 'next/server';
import { route } from '@/lib/http/handler';
import { parseQuery } from '@/lib/http/validate';
import { limitRequest } from '@/lib/http/rate-limit';
import { roundMs } from '@/lib/http/scenario-response';
import { topPlayers } from '@/lib/scenarios/leaderboard/store';

/** The top 50 straight from the database, without the cache: expensive, so the page asks only on demand. */
export const GET = route(async (request) => {
  parseQuery(request);
  await limitRequest(request, 'scenario');
  const started = performance.now();
  const top = await topPlayers();
  const queryMs = roundMs(performance.now() - started);
  return NextResponse.json(
    { data: { ...top, queryMs } },
    { headers: { 'Server-Timing': `db;desc="top 50 query";dur=${queryMs}`, 'Cache-Control': 'no-store' } },
  );
});
