import 'server-only';
import { randomInt } from 'node:crypto';
import { withRedis } from '../../core/redis';
import { ClassroomError, roomNotFound } from './errors';
import { openRoomsKey, roomKeys } from './keys';
import { classroomLimits, type ClassroomLimits } from './limits';
import { CODE_ALPHABET, CODE_LENGTH, type OpenedRoom, type Round, type RoundKind } from './types';

export interface RoomMeta {
  code: string;
  createdAt: number;
  expiresAt: number;
}

const CODE_ATTEMPTS = 8;

function randomCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

/**
 * Opens a room under a fresh code. The open-rooms set is claimed first (ZADD NX, then ZCARD):
 * two instances opening the last free room at once may both be refused, never both admitted.
 */
export async function createRoom(limits: ClassroomLimits = classroomLimits(), now = Date.now()): Promise<OpenedRoom> {
  const expiresAt = now + limits.lifetimeMs;
  const open = openRoomsKey();
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt += 1) {
    const code = randomCode();
    // Refusals are returned, not thrown, inside withRedis: the circuit breaker counts a throw as a Redis failure.
    const claim = await withRedis(async (redis) => {
      await redis.zremrangebyscore(open, '-inf', now);
      if ((await redis.zadd(open, 'NX', expiresAt, code)) === 0) return 'taken';
      if ((await redis.zcard(open)) <= limits.maxRooms) return 'claimed';
      await redis.zrem(open, code);
      return 'full';
    });
    if (claim === 'full') {
      throw new ClassroomError(429, 'too_many_rooms', `${limits.maxRooms} rooms are open already (CLASSROOM_MAX_ROOMS); close one or wait until one expires.`);
    }
    if (claim === 'taken') continue;
    const meta: RoomMeta = { code, createdAt: now, expiresAt };
    await withRedis(async (redis) => {
      const keys = roomKeys(code);
      const first = roundRecord(1, 'free', null, now);
      await redis
        .multi()
        .set(keys.meta, JSON.stringify(meta), 'PX', limits.lifetimeMs)
        .hset(keys.round, roundFields(first))
        .hset(keys.rounds, '1', JSON.stringify(first))
        .pexpireat(keys.round, expiresAt)
        .pexpireat(keys.rounds, expiresAt)
        .exec();
      // Every room lives as long as the setting says, so the newest room expires last: the set goes with it.
      await redis.pexpireat(open, expiresAt);
    });
    return { code, expiresAt };
  }
  throw new ClassroomError(409, 'no_free_code', 'Could not find a free room code; try again.');
}

export async function readRoomMeta(code: string): Promise<RoomMeta> {
  const raw = await withRedis((redis) => redis.get(roomKeys(code).meta));
  if (raw === null) throw roomNotFound(code);
  return JSON.parse(raw) as RoomMeta;
}

/** Deletes every key of the room at once (one slot, one DEL) and frees its place among the open rooms. */
export async function closeRoom(code: string): Promise<boolean> {
  return withRedis(async (redis) => {
    const deleted = await redis.del(...Object.values(roomKeys(code)));
    await redis.zrem(openRoomsKey(), code);
    return deleted > 0;
  });
}

/**
 * Starts the next guided round. The prompt is written here, not taken from the client, so the
 * projector only ever shows the four instructions the lab knows.
 */
export async function startRound(code: string, kind: RoundKind, name: string | null, limits: ClassroomLimits = classroomLimits(), now = Date.now()): Promise<Round> {
  const meta = await readRoomMeta(code);
  const keys = roomKeys(code);
  const current = Number(await withRedis((redis) => redis.hget(keys.round, 'number')));
  if (current >= limits.maxRounds) {
    throw new ClassroomError(409, 'too_many_rounds', `This room has run its ${limits.maxRounds} rounds (CLASSROOM_MAX_ROUNDS); open a new room.`);
  }
  const round = roundRecord(current + 1, kind, name, now);
  return withRedis(async (redis) => {
    await redis
      .multi()
      .hset(keys.round, roundFields(round))
      .hset(keys.rounds, String(round.number), JSON.stringify(round))
      .pexpireat(keys.round, meta.expiresAt)
      .pexpireat(keys.rounds, meta.expiresAt)
      .exec();
    return round;
  });
}

function roundRecord(number: number, kind: RoundKind, name: string | null, startedAt: number): Round {
  return { number, kind, name: kind === 'free' ? null : name, prompt: promptOf(kind, name), startedAt };
}

/** The instruction the projector shows for a round. */
export function promptOf(kind: RoundKind, name: string | null): string {
  const key = name ?? 'the same name';
  switch (kind) {
    case 'ask':
      return `Everyone ask for “${key}”. Predict first: HIT or MISS?`;
    case 'ttl':
      return `Wait for “${key}” to expire (its TTL), then ask again. HIT or MISS?`;
    case 'invalidate':
      return `The teacher invalidated “${key}”. Now predict, then ask for it.`;
    default:
      return 'Free play: ask for any name. Predict first: HIT or MISS?';
  }
}

function roundFields(round: Round): Record<string, string> {
  return { number: String(round.number), kind: round.kind, name: round.name ?? '', prompt: round.prompt, startedAt: String(round.startedAt) };
}

export function roundFromFields(fields: Record<string, string>): Round {
  return {
    number: Number(fields.number ?? 1),
    kind: (fields.kind ?? 'free') as RoundKind,
    name: fields.name ? fields.name : null,
    prompt: fields.prompt ?? promptOf('free', null),
    startedAt: Number(fields.startedAt ?? 0),
  };
}
