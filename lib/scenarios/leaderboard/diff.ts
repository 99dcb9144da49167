/** No server-only marker: the leaderboard page compares the cached and live boards in the browser. */
import type { LeaderboardEntry as BoardEntry } from './model';

export type { BoardEntry };

/** One way a cached board differs from the live one. */
export type BoardChange =
  | { kind: 'entered'; live: BoardEntry }
  | { kind: 'changed'; cached: BoardEntry; live: BoardEntry }
  | { kind: 'left'; cached: BoardEntry };

/**
 * What the cached board gets wrong, player by player: who is on the live board but not the
 * cached one, whose rank or score moved, and who dropped off. Live order first, drop-outs last.
 * Empty when the two boards agree.
 */
export function diffBoards(cached: readonly BoardEntry[], live: readonly BoardEntry[]): BoardChange[] {
  const cachedById = new Map(cached.map((entry) => [entry.playerId, entry]));
  const liveIds = new Set(live.map((entry) => entry.playerId));
  const changes: BoardChange[] = [];
  for (const entry of live) {
    const before = cachedById.get(entry.playerId);
    if (!before) changes.push({ kind: 'entered', live: entry });
    else if (before.rank !== entry.rank || before.score !== entry.score) changes.push({ kind: 'changed', cached: before, live: entry });
  }
  for (const entry of cached) if (!liveIds.has(entry.playerId)) changes.push({ kind: 'left', cached: entry });
  return changes;
}
