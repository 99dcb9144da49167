import 'server-only';
import { env } from '../../core/env';

/** The classroom's bounds, from the settings; tests pass their own. */
export interface ClassroomLimits {
  maxStudents: number;
  maxRooms: number;
  lifetimeMs: number;
  nicknameMax: number;
  maxRounds: number;
  feedLength: number;
}

export function classroomLimits(overrides: Partial<ClassroomLimits> = {}): ClassroomLimits {
  return {
    maxStudents: env.CLASSROOM_MAX_STUDENTS,
    maxRooms: env.CLASSROOM_MAX_ROOMS,
    lifetimeMs: env.CLASSROOM_ROOM_MINUTES * 60_000,
    nicknameMax: env.CLASSROOM_NICKNAME_MAX,
    maxRounds: env.CLASSROOM_MAX_ROUNDS,
    feedLength: env.CLASSROOM_FEED_LENGTH,
    ...overrides,
  };
}
