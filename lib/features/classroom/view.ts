import 'server-only';
import { hitRatio, STATUSES, type CacheStatus } from '../../cache/types';
import { withRedis } from '../../core/redis';
import { roomNotFound } from './errors';
import { roomKeys } from './keys';
import { classroomLimits, type ClassroomLimits } from './limits';
import type { RoomMeta } from './rooms';
import { roundFromFields } from './rooms';
import type { StoredStudent } from './students';
import type { Round, RoomRequest, RoomView, RoundSummary, StudentSummary, Tally, Warmer } from './types';

/** Requests the live view sends; the room keeps `CLASSROOM_FEED_LENGTH`. */
const FEED_SHOWN = 30;
/** Keys in the "who warmed it" list, most-served first. */
const WARMERS_SHOWN = 8;

/** The whole live view of a room in one pipeline of reads (one slot: every key carries the room's hash tag). */
export async function readRoomView(code: string, studentId: string | null = null, limits: ClassroomLimits = classroomLimits()): Promise<RoomView> {
  const keys = roomKeys(code);
  const replies = await withRedis(async (redis) => {
    const result = await redis
      .pipeline()
      .get(keys.meta)
      .hgetall(keys.round)
      .hgetall(keys.rounds)
      .hgetall(keys.students)
      .hgetall(keys.totals)
      .lrange(keys.feed, 0, FEED_SHOWN - 1)
      .hgetall(keys.warm)
      .hgetall(keys.warmHits)
      .exec();
    return (result ?? []).map(([error, value]) => {
      if (error) throw error;
      return value;
    });
  });
  const [metaRaw, roundFields, roundsRaw, studentsRaw, totalsRaw, feedRaw, warmRaw, warmHitsRaw] = replies as [
    string | null,
    Record<string, string>,
    Record<string, string>,
    Record<string, string>,
    Record<string, string>,
    string[],
    Record<string, string>,
    Record<string, string>,
  ];
  if (metaRaw === null) throw roomNotFound(code);
  const meta = JSON.parse(metaRaw) as RoomMeta;
  const count = (field: string) => Number(totalsRaw[field] ?? 0);
  const tally = (scope: string): Tally => ({ requests: count(`${scope}:requests`), predicted: count(`${scope}:predicted`), correct: count(`${scope}:correct`) });

  const students = Object.entries(studentsRaw)
    .map(([id, raw]) => ({ id, ...(JSON.parse(raw) as StoredStudent), ...tally(`student:${id}`) }))
    .sort((a, b) => a.joinedAt - b.joinedAt);
  const summary = ({ nickname, joinedAt, requests, predicted, correct }: StudentSummary): StudentSummary => ({ nickname, joinedAt, requests, predicted, correct });
  const you = students.find((student) => student.id === studentId);

  const statusCounts = Object.fromEntries(STATUSES.map((status) => [status, count(`status:${status}`)])) as Record<CacheStatus, number>;
  const hits = statusCounts.hit + statusCounts.stale;
  return {
    code: meta.code,
    createdAt: meta.createdAt,
    expiresAt: meta.expiresAt,
    round: roundFromFields(roundFields),
    rounds: roundSummaries(roundsRaw, tally),
    students: students.map(summary),
    maxStudents: limits.maxStudents,
    totals: { requests: count('requests'), hits, misses: count('requests') - hits, hitRatio: hitRatio(statusCounts) },
    feed: feedRaw.map((raw) => JSON.parse(raw) as RoomRequest),
    warmers: warmers(warmRaw, warmHitsRaw),
    you: you ? summary(you) : null,
  };
}

function roundSummaries(roundsRaw: Record<string, string>, tally: (scope: string) => Tally): RoundSummary[] {
  return Object.values(roundsRaw)
    .map((raw) => JSON.parse(raw) as Round)
    .sort((a, b) => a.number - b.number)
    .map((round) => {
      const figures = tally(`round:${round.number}`);
      return { ...round, ...figures, accuracy: figures.predicted === 0 ? null : figures.correct / figures.predicted };
    });
}

function warmers(warmRaw: Record<string, string>, warmHitsRaw: Record<string, string>): Warmer[] {
  return Object.entries(warmHitsRaw)
    .map(([key, hits]) => {
      const warm = warmRaw[key] ? (JSON.parse(warmRaw[key]) as { nickname: string; at: number }) : null;
      return { key, warmedBy: warm?.nickname ?? null, warmedAt: warm?.at ?? null, hitsSince: Number(hits) };
    })
    .sort((a, b) => b.hitsSince - a.hitsSince || (b.warmedAt ?? 0) - (a.warmedAt ?? 0))
    .slice(0, WARMERS_SHOWN);
}
