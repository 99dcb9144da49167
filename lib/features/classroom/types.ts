/** Shapes of the classroom API, shared by the server and the pages (no server-only imports here). */
import type { CacheStatus } from '../../cache/types';

export type Outcome = 'hit' | 'miss';
export const ROUND_KINDS = ['free', 'ask', 'ttl', 'invalidate'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

export interface Round {
  number: number;
  kind: RoundKind;
  /** The username the round is about (null in free play). */
  name: string | null;
  prompt: string;
  startedAt: number;
}

/** One student request as the room saw it. */
export interface RoomRequest {
  at: number;
  nickname: string;
  /** The readable cache key, e.g. `expensive_function:maxim`. */
  key: string;
  status: CacheStatus;
  latencyMs: number;
  /** When the cached value expires, as this request saw it (ms); null when it was not cached. */
  expiresAt: number | null;
  prediction: Outcome | null;
  predictedMs: number | null;
  /** null when nothing was predicted. */
  correct: boolean | null;
  round: number;
  /** On a hit: whose earlier miss stored the value (null: someone outside the room, or before it). */
  warmedBy: string | null;
}

export interface Tally {
  requests: number;
  predicted: number;
  correct: number;
}

export interface RoundSummary extends Round, Tally {
  /** correct / predicted, null before any prediction. */
  accuracy: number | null;
}

export interface StudentSummary extends Tally {
  nickname: string;
  joinedAt: number;
}

export interface Warmer {
  key: string;
  /** The student whose miss stored the current value; null when it was stored outside the room. */
  warmedBy: string | null;
  warmedAt: number | null;
  /** Hits on this key in the room since it was stored. */
  hitsSince: number;
}

export interface RoomView {
  code: string;
  createdAt: number;
  expiresAt: number;
  round: Round;
  rounds: RoundSummary[];
  students: StudentSummary[];
  maxStudents: number;
  totals: { requests: number; hits: number; misses: number; hitRatio: number | null };
  feed: RoomRequest[];
  warmers: Warmer[];
  /** The asking student's own figures, when `?student=` names one of this room. */
  you: StudentSummary | null;
}

export interface JoinedStudent {
  studentId: string;
  nickname: string;
  code: string;
}

export interface OpenedRoom {
  code: string;
  expiresAt: number;
}

/** Headers a student's scenario request carries so the room can record it. */
export const ROOM_HEADERS = {
  room: 'x-classroom-room',
  student: 'x-classroom-student',
  prediction: 'x-classroom-prediction',
  predictedMs: 'x-classroom-predicted-ms',
} as const;

/** Four letters without look-alikes (no I, O): easy to read off a projector and to type on a phone. */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_LENGTH = 4;
export const CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

/** What a request's status means for a prediction: X-Cache's HIT (hit, stale) or MISS (everything else). */
export function outcomeOf(status: CacheStatus): Outcome {
  return status === 'hit' || status === 'stale' ? 'hit' : 'miss';
}
