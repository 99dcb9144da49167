import { z } from 'zod';
import { invalidate } from '@/lib/cache';
import { readRoomMeta, startRound } from '@/lib/features/classroom/rooms';
import { roomCode, roundBody } from '@/lib/features/classroom/schemas';
import { ok, route } from '@/lib/http/handler';
import { usernameScenario } from '@/lib/scenarios/username';

const params = z.object({ code: roomCode });

/** The teacher starts the next guided round; an "invalidate" round deletes the name's cache entry first (admin). */
export const POST = route({ admin: true, limit: 'admin', params, body: roundBody }, async ({ params: { code }, body: { kind, name } }) => {
  await readRoomMeta(code);
  const invalidated = kind === 'invalidate' && name !== null ? await invalidate(usernameScenario.keyOf({ username: name })) : null;
  return ok({ round: await startRound(code, kind, name), invalidated }, { status: 201 });
});
