import 'server-only';
import { CLASSROOM_NAMESPACE as NAMESPACE } from '../../cache/keys';
import { env } from '../../core/env';

/**
 * Every key of one room carries the hash tag `{room:CODE}`, so a room lives in one Redis Cluster
 * slot and a MULTI over its keys is legal there. The list of open rooms is one key of its own,
 * only ever used in single-key commands.
 */
export function roomKeys(code: string, prefix = env.CACHE_PREFIX) {
  const base = `${prefix}${NAMESPACE}{room:${code}}:`;
  return {
    /** JSON: code, createdAt, expiresAt. Its absence means the room is gone. */
    meta: `${base}meta`,
    /** Hash: the current round (number, kind, name, prompt, startedAt). */
    round: `${base}round`,
    /** Hash: round number → JSON of that round (the history the accuracy table names). */
    rounds: `${base}rounds`,
    /** Hash: student id → JSON { nickname, joinedAt }. */
    students: `${base}students`,
    /** Hash: lower-cased nickname → student id (one name, one student). */
    nicknames: `${base}nicknames`,
    /** Counter of seats taken: INCR then check keeps the bound without a script. */
    seats: `${base}seats`,
    /** List of the latest requests, newest first, JSON each. */
    feed: `${base}feed`,
    /** Hash of counters: totals, per status, per round, per student. */
    totals: `${base}totals`,
    /** Hash: readable key → JSON { nickname, at } of the miss that stored it. */
    warm: `${base}warm`,
    /** Hash: readable key → hits since it was stored. */
    warmHits: `${base}warmhits`,
  };
}

export type RoomKeys = ReturnType<typeof roomKeys>;

/** Sorted set of open room codes, scored by their expiry (ms): bounds the number of rooms across instances. */
export const openRoomsKey = (prefix = env.CACHE_PREFIX) => `${prefix}${NAMESPACE}rooms`;
