import { NextResponse } from 'next/server';
import { roomCode, joinBody } from '@/lib/classroom/schemas';
import { joinRoom } from '@/lib/classroom/students';
import { env } from '@/lib/env';
import { requireSameOrigin } from '@/lib/http/admin';
import { readJsonBody } from '@/lib/http/body';
import { route } from '@/lib/http/handler';
import { limitRequest } from '@/lib/http/rate-limit';
import { parseInput, parseQuery } from '@/lib/http/validate';
import { roomWork } from '../../../room-errors';

type Context = { params: Promise<{ code: string }> };

/** A student joins with a nickname (visitors do this: same-origin, no token). */
export const POST = route<Context>(async (request, { params }) => {
  await limitRequest(request, 'admin');
  requireSameOrigin(request);
  parseQuery(request);
  const code = parseInput(roomCode, (await params).code);
  const { nickname } = parseInput(joinBody(env.CLASSROOM_NICKNAME_MAX), await readJsonBody(request));
  return NextResponse.json({ data: await roomWork(() => joinRoom(code, nickname)) }, { status: 201 });
});
