import { z } from 'zod';
import { joinBody, roomCode } from '@/lib/features/classroom/schemas';
import { joinRoom } from '@/lib/features/classroom/students';
import { env } from '@/lib/core/env';
import { ok, route } from '@/lib/http/handler';

const params = z.object({ code: roomCode });

/** A student joins with a nickname (visitors do this: same-origin, no token). */
export const POST = route({ admin: 'same-origin', limit: 'admin', params, body: joinBody(env.CLASSROOM_NICKNAME_MAX) }, async ({ params: { code }, body }) =>
  ok(await joinRoom(code, body.nickname), { status: 201 }),
);
