import { z } from 'zod';
import { roomNotFound } from '@/lib/features/classroom/errors';
import { closeRoom } from '@/lib/features/classroom/rooms';
import { roomCode, viewQuery } from '@/lib/features/classroom/schemas';
import { readRoomView } from '@/lib/features/classroom/view';
import { ok, route } from '@/lib/http/handler';

const params = z.object({ code: roomCode });

/** The live view every phone and the projector poll: one pipeline of reads, not rate-limited (like /api/stats). */
export const GET = route({ query: viewQuery, params }, async ({ query, params: { code } }) => ok(await readRoomView(code, query.student ?? null)));

/** Closes the room: every key of it is deleted at once (admin). */
export const DELETE = route({ admin: true, limit: 'admin', params }, async ({ params: { code } }) => {
  if (!(await closeRoom(code))) throw roomNotFound(code);
  return ok({ code, closed: true });
});
