import { NextResponse } from 'next/server';
import { createRoom } from '@/lib/classroom/rooms';
import { requireAdmin } from '@/lib/http/admin';
import { route } from '@/lib/http/handler';
import { limitRequest } from '@/lib/http/rate-limit';
import { parseQuery } from '@/lib/http/validate';
import { roomWork } from '../room-errors';

/** Opens a room (a teacher action: admin). */
export const POST = route(async (request) => {
  await limitRequest(request, 'admin');
  requireAdmin(request);
  parseQuery(request);
  return NextResponse.json({ data: await roomWork(() => createRoom()) }, { status: 201 });
});
