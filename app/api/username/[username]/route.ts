import { invalidate } from '@/lib/cache';
import { cacheKey } from '@/lib/cache/keys';
import { requireAdmin } from '@/lib/http/admin';
import { route } from '@/lib/http/handler';
import { limitRequest } from '@/lib/http/rate-limit';
import { serveScenario } from '@/lib/http/scenario-response';
import { parseInput, parseQuery } from '@/lib/http/validate';
import { usernameScenario } from '@/lib/scenarios/username';
import { NextResponse } from 'next/server';

type Context = { params: Promise<{ username: string }> };

export const GET = route<Context>(async (request, { params }) => {
  await limitRequest(request, 'scenario');
  const { username } = await params;
  return serveScenario(usernameScenario, { username }, request);
});

export const DELETE = route<Context>(async (request, { params }) => {
  await limitRequest(request, 'admin');
  requireAdmin(request);
  parseQuery(request);
  const input = parseInput(usernameScenario.input, await params);
  const key = usernameScenario.keyOf(input);
  return NextResponse.json({ data: { key: cacheKey(key), deleted: await invalidate(key) } });
});
