import { NextResponse } from 'next/server';
import { requireSameOrigin } from '@/lib/http/admin';
import { readJsonBody } from '@/lib/http/body';
import { route } from '@/lib/http/handler';
import { limitRequest } from '@/lib/http/rate-limit';
import { parseInput, parseQuery } from '@/lib/http/validate';
import { gameInput, playGame } from '@/lib/scenarios/leaderboard/scenario';

/** Playing a game is the demo's own write, open to every visitor (no admin token), but rate-limited and same-origin. */
export const POST = route(async (request) => {
  parseQuery(request);
  await limitRequest(request, 'scenario');
  requireSameOrigin(request);
  const input = parseInput(gameInput, await readJsonBody(request));
  return NextResponse.json({ data: await playGame(input) }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
});
