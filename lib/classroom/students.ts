import 'server-only';
import { randomBytes } from 'node:crypto';
import { withRedis } from '../redis';
import { ClassroomError } from './errors';
import { roomKeys } from './keys';
import { classroomLimits, type ClassroomLimits } from './limits';
import { nicknameIdentity } from './nickname';
import { readRoomMeta } from './rooms';
import type { JoinedStudent } from './types';

export interface StoredStudent {
  nickname: string;
  joinedAt: number;
}

/**
 * Seats a student under a nickname nobody in the room has (case-insensitively). Each step is
 * one atomic command, no script: claim the name (HSETNX), take a seat (INCR, refused past the
 * bound, which gives the seat and the name back), then store the student. Concurrent joins can
 * never seat more than `maxStudents`.
 */
export async function joinRoom(code: string, nickname: string, limits: ClassroomLimits = classroomLimits(), now = Date.now()): Promise<JoinedStudent> {
  const meta = await readRoomMeta(code);
  const keys = roomKeys(code);
  const studentId = randomBytes(12).toString('base64url');
  const identity = nicknameIdentity(nickname);
  // Refusals are returned, not thrown, inside withRedis: the circuit breaker counts a throw as a Redis failure.
  const seated = await withRedis(async (redis) => {
    if ((await redis.hsetnx(keys.nicknames, identity, studentId)) === 0) return 'taken';
    if ((await redis.incr(keys.seats)) > limits.maxStudents) {
      await redis.multi().decr(keys.seats).hdel(keys.nicknames, identity).exec();
      return 'full';
    }
    const student: StoredStudent = { nickname, joinedAt: now };
    await redis
      .multi()
      .hset(keys.students, studentId, JSON.stringify(student))
      .pexpireat(keys.students, meta.expiresAt)
      .pexpireat(keys.nicknames, meta.expiresAt)
      .pexpireat(keys.seats, meta.expiresAt)
      .exec();
    return 'seated';
  });
  if (seated === 'taken') throw new ClassroomError(409, 'nickname_taken', `Someone in room ${code} is already called “${nickname}”; pick another nickname.`);
  if (seated === 'full') throw new ClassroomError(409, 'room_full', `Room ${code} is full: ${limits.maxStudents} students (CLASSROOM_MAX_STUDENTS).`);
  return { studentId, nickname, code };
}
