import 'server-only';
import { randomBytes } from 'node:crypto';
import { withRedis } from '../../core/redis';
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
 * One script, so a join is all or nothing (a timeout half-way can never leave a name claimed
 * without a seat): claim the name, take a seat unless the room is full, store the student, and
 * make all three expire with the room. Four keys, always the same four, all in the room's slot.
 */
const JOIN_SCRIPT = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 'taken' end
if redis.call('INCR', KEYS[2]) > tonumber(ARGV[4]) then
  redis.call('DECR', KEYS[2])
  redis.call('HDEL', KEYS[1], ARGV[1])
  return 'full'
end
redis.call('HSET', KEYS[3], ARGV[2], ARGV[3])
for index = 1, 3 do redis.call('PEXPIREAT', KEYS[index], ARGV[5]) end
return 'seated'
`;

/** Seats a student under a nickname nobody in the room has (case-insensitively), never more than `maxStudents`. */
export async function joinRoom(code: string, nickname: string, limits: ClassroomLimits = classroomLimits(), now = Date.now()): Promise<JoinedStudent> {
  const meta = await readRoomMeta(code);
  const keys = roomKeys(code);
  const studentId = randomBytes(12).toString('base64url');
  const student: StoredStudent = { nickname, joinedAt: now };
  // Refusals are returned, not thrown, inside withRedis: the circuit breaker counts a throw as a Redis failure.
  const seated = await withRedis(
    (redis) =>
      redis.eval(JOIN_SCRIPT, 3, keys.nicknames, keys.seats, keys.students, nicknameIdentity(nickname), studentId, JSON.stringify(student), limits.maxStudents, meta.expiresAt) as Promise<string>,
  );
  if (seated === 'taken') throw new ClassroomError(409, 'nickname_taken', `Someone in room ${code} is already called “${nickname}”; pick another nickname.`);
  if (seated === 'full') throw new ClassroomError(409, 'room_full', `Room ${code} is full: ${limits.maxStudents} students (CLASSROOM_MAX_STUDENTS).`);
  return { studentId, nickname, code };
}
