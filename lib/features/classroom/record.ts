import 'server-only';
import { z } from 'zod';
import type { CachedResult } from '../../cache';
import { readableKeyOf } from '../../cache/keys';
import { withRedis } from '../../core/redis';
import { roomKeys } from './keys';
import { classroomLimits, type ClassroomLimits } from './limits';
import type { StoredStudent } from './students';
import { CODE_PATTERN, outcomeOf, ROOM_HEADERS, type Outcome, type RoomRequest } from './types';

/** What a student's request tells the room, from its headers; anything malformed is simply not a room request. */
const roomHeaders = z.object({
  room: z.string().regex(CODE_PATTERN),
  student: z.string().regex(/^[A-Za-z0-9_-]{16}$/),
  prediction: z.enum(['hit', 'miss']).nullable(),
  predictedMs: z.coerce.number().min(0).max(600_000).nullable(),
});

export type RoomTag = z.output<typeof roomHeaders>;

export function roomTagOf(headers: Headers): RoomTag | null {
  if (!headers.has(ROOM_HEADERS.room)) return null;
  const parsed = roomHeaders.safeParse({
    room: headers.get(ROOM_HEADERS.room)?.toUpperCase(),
    student: headers.get(ROOM_HEADERS.student),
    prediction: headers.get(ROOM_HEADERS.prediction)?.toLowerCase() ?? null,
    predictedMs: headers.get(ROOM_HEADERS.predictedMs) || null,
  });
  return parsed.success ? parsed.data : null;
}

/**
 * The scenario endpoints' hook: after a request is served, a student's request (one that carries
 * the room headers) is added to its room. It never fails the request it follows: a room that is
 * gone, a stranger's id or Redis trouble only mean nothing is recorded, which the student's page
 * shows (its own count does not move).
 */
export async function recordRoomRequest(request: Request | undefined, result: CachedResult<unknown>): Promise<void> {
  const tag = request ? roomTagOf(request.headers) : null;
  if (tag === null) return;
  try {
    await recordRequest(tag, result);
  } catch (error) {
    console.warn(`[cachelab] a classroom request was not recorded: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Adds one request to a room: feed, totals per status, round and student, and who warmed the key. */
export async function recordRequest(tag: RoomTag, result: CachedResult<unknown>, limits: ClassroomLimits = classroomLimits(), now = Date.now()): Promise<RoomRequest | null> {
  const keys = roomKeys(tag.room);
  const key = readableKeyOf(result.key);
  return withRedis(async (redis) => {
    const [meta, student, round, warm, tracked] = await redis
      .pipeline()
      .get(keys.meta)
      .hget(keys.students, tag.student)
      .hget(keys.round, 'number')
      .hget(keys.warm, key)
      .hlen(keys.warmHits)
      .exec()
      .then((replies) => (replies ?? []).map(([error, value]) => (error ? null : String(value ?? '') || null)));
    if (!meta || !student) return null;
    const { expiresAt } = JSON.parse(meta) as { expiresAt: number };
    const { nickname } = JSON.parse(student) as StoredStudent;
    const outcome: Outcome = outcomeOf(result.status);
    const entry: RoomRequest = {
      at: now,
      nickname,
      key,
      status: result.status,
      latencyMs: Math.round(result.latencyMs * 1000) / 1000,
      expiresAt: result.expiresAt,
      prediction: tag.prediction,
      predictedMs: tag.predictedMs,
      correct: tag.prediction === null ? null : tag.prediction === outcome,
      round: Number(round ?? 1),
      warmedBy: outcome === 'hit' && warm ? (JSON.parse(warm) as { nickname: string }).nickname : null,
    };
    const counted = [`requests`, `status:${result.status}`, `round:${entry.round}:requests`, `student:${tag.student}:requests`];
    if (entry.correct !== null) counted.push(`round:${entry.round}:predicted`, `student:${tag.student}:predicted`);
    if (entry.correct) counted.push(`round:${entry.round}:correct`, `student:${tag.student}:correct`);

    const write = redis.multi().lpush(keys.feed, JSON.stringify(entry)).ltrim(keys.feed, 0, limits.feedLength - 1);
    for (const field of counted) write.hincrby(keys.totals, field, 1);
    // Only a request that computed and stored the value warmed it; a coalesced one waited for someone else's.
    // Keys already tracked keep counting; new ones stop being tracked past the feed's length (Redis memory).
    const trackable = warm !== null || Number(tracked ?? 0) < limits.feedLength;
    if (result.status === 'miss' && result.strategy !== null && trackable) {
      write.hset(keys.warm, key, JSON.stringify({ nickname, at: now })).hset(keys.warmHits, key, 0);
    } else if (outcome === 'hit' && trackable) {
      write.hincrby(keys.warmHits, key, 1);
    }
    for (const written of [keys.feed, keys.totals, keys.warm, keys.warmHits]) write.pexpireat(written, expiresAt);
    await write.exec();
    return entry;
  });
}
