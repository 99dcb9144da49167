import { z } from 'zod';
import { nicknameSchema } from './nickname';
import { CODE_PATTERN, ROUND_KINDS } from './types';

/** A room code as typed on a phone: case does not matter. */
export const roomCode = z
  .string()
  .transform((code) => code.trim().toUpperCase())
  .pipe(z.string().regex(CODE_PATTERN, 'a room code is 4 letters, e.g. KQTM'));

export const joinBody = (nicknameMax: number) => z.strictObject({ nickname: nicknameSchema(nicknameMax) });

/** A guided round names the username it is about, except free play. */
export const roundBody = z
  .strictObject({
    kind: z.enum(ROUND_KINDS),
    name: z.string().trim().min(1).max(64).regex(/^[\p{L}\p{N}_.-]+$/u, 'may contain only letters, digits, "_", "-" and "."').optional(),
  })
  .refine((round) => round.kind === 'free' || round.name !== undefined, { message: 'this kind of round needs a name', path: ['name'] })
  .transform((round) => ({ kind: round.kind, name: round.name?.toLowerCase() ?? null }));

export const viewQuery = z.strictObject({ student: z.string().regex(/^[A-Za-z0-9_-]{16}$/, 'not a student id').optional() });
