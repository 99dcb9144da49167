import { NextResponse } from 'next/server';
import { requireAdmin } from '@/lib/http/admin';
import { readJsonBody } from '@/lib/http/body';
import { route } from '@/lib/http/handler';
import { parseInput } from '@/lib/http/validate';
import { gameInput, playGame } from '@/lib/scenarios/leaderboard/scenario';

export const POST = route(async (request) => {
  requireAdmin(request);
  const input = parseInput(gameInput, await readJsonBody(request));
  return NextResponse.json({ data: await playGame(input) }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
});
