import { NextResponse } from 'next/server';
import { invalidate } from '@/lib/cache';
import { readRoomMeta, startRound } from '@/lib/classroom/rooms';
import { roomCode, roundBody } from '@/lib/classroom/schemas';
import { requireAdmin } from '@/lib/http/admin';
import { readJsonBody } from '@/lib/http/body';
import { route } from '@/lib/http/handler';
import { limitRequest } from '@/lib/http/rate-limit';
import { parseInput, parseQuery } from '@/lib/http/validate';
import { usernameScenario } from '@/lib/scenarios/username';
import { roomWork } from '../../../room-errors';

type Context = { params: Promise<{ code: string }> };

/** The teacher starts the next guided round; an "invalidate" round deletes the name's cache entry first (admin). */
export const POST = route<Context>(async (request, { params }) => {
  await limitRequest(request, 'admin');
  requireAdmin(request);
  parseQuery(request);
  const code = parseInput(roomCode, (await params).code);
  const { kind, name } = parseInput(roundBody, await readJsonBody(request));
  await roomWork(() => readRoomMeta(code));
  const invalidated = kind === 'invalidate' && name !== null ? await invalidate(usernameScenario.keyOf({ username: name })) : null;
  const round = await roomWork(() => startRound(code, kind, name));
  return NextResponse.json({ data: { round, invalidated } }, { status: 201 });
});
