import { NextResponse } from 'next/server';
import { closeRoom } from '@/lib/classroom/rooms';
import { roomCode, viewQuery } from '@/lib/classroom/schemas';
import { readRoomView } from '@/lib/classroom/view';
import { requireAdmin } from '@/lib/http/admin';
import { ApiError } from '@/lib/http/errors';
import { route } from '@/lib/http/handler';
import { limitRequest } from '@/lib/http/rate-limit';
import { parseInput, parseQuery } from '@/lib/http/validate';
import { roomWork } from '../../room-errors';

type Context = { params: Promise<{ code: string }> };

/** The live view every phone and the projector poll: one pipeline of reads, not rate-limited (like /api/stats). */
export const GET = route<Context>(async (request, { params }) => {
  const { student } = parseQuery(request, viewQuery);
  const code = parseInput(roomCode, (await params).code);
  const view = await roomWork(() => readRoomView(code, student ?? null));
  return NextResponse.json({ data: view }, { headers: { 'Cache-Control': 'no-store' } });
});

/** Closes the room: every key of it is deleted at once (admin). */
export const DELETE = route<Context>(async (request, { params }) => {
  await limitRequest(request, 'admin');
  requireAdmin(request);
  parseQuery(request);
  const code = parseInput(roomCode, (await params).code);
  if (!(await closeRoom(code))) throw new ApiError(404, 'room_not_found', `There is no open room ${code}.`);
  return NextResponse.json({ data: { code, closed: true } });
});
