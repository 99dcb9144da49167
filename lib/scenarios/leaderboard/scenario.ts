import 'server-only';
import { z } from 'zod';
import { invalidate } from '../../cache';
import { env } from '../../core/env';
import { ApiError } from '../../core/errors';
import { nextMidnight } from '../../shared/midnight';
import type { Scenario } from '../scenario';
import { MAX_RECORDED_SCORE, UnknownPlayerError, type GameRecord, type PlayedGame, type Player, type TopPlayers } from './model';
import { leaderboardStore, topPlayers } from './store';

export const leaderboardInput = z.strictObject({});
export type LeaderboardInput = z.output<typeof leaderboardInput>;

const entry = z.object({ rank: z.int(), playerId: z.int(), name: z.string(), score: z.number() });
export const leaderboardValue: z.ZodType<TopPlayers, unknown> = z.object({ entries: z.array(entry), computedAt: z.string() });

/**
 * The top 50 of a real SQLite database, a GROUP BY over every game. A daily leaderboard is
 * allowed to lag until the day ends, so the entry expires at the next midnight in CACHE_TZ:
 * everyone sees the same board all day, and the query runs about once a day.
 */
export const leaderboardScenario: Scenario<LeaderboardInput, TopPlayers> = {
  id: 'leaderboard',
  title: 'Leaderboard top 50',
  page: { path: '/leaderboard', label: 'Leaderboard', blurb: 'A top-50 SQL aggregate over a million games, cached until midnight: fast all day, stale after every game.' },
  namespace: 'leaderboard',
  input: leaderboardInput,
  keyOf: () => 'leaderboard:top50',
  expiryOf: (_input, now) => ({ expireAt: nextMidnight(now, env.CACHE_TZ) }),
  compute: () => topPlayers(),
  value: leaderboardValue,
  // One key: every simulated user asks for the same top 50, the hot-key case at its purest.
  sampleInput: () => ({}),
  sampleSize: 1,
};

export const gameInput = z.strictObject({
  playerId: z.int({ error: 'must be a whole number' }).min(1, 'must be 1 or more'),
  score: z
    .int({ error: 'must be a whole number' })
    .min(0, 'must be 0 or more')
    .max(MAX_RECORDED_SCORE, `must be at most ${MAX_RECORDED_SCORE.toLocaleString('en-US')}`),
  /** Delete the cached top 50 with the write: readers see the game at once, the next read pays the query. */
  invalidateOnWrite: z.boolean({ error: 'must be true or false' }).default(false),
});

export type GameInput = z.output<typeof gameInput>;

/** Records a game in the database; the cached top 50 is left alone unless asked. */
export async function playGame({ playerId, score, invalidateOnWrite }: GameInput): Promise<PlayedGame> {
  const { db } = leaderboardStore();
  let game: GameRecord;
  try {
    game = db.recordGame(playerId, score);
  } catch (error) {
    if (!(error instanceof UnknownPlayerError)) throw error;
    throw new ApiError(404, 'unknown_player', `There is no player ${playerId}: player IDs run from 1 to ${db.seed.players}.`);
  }
  const player = db.player(playerId) as Player;
  const deleted = invalidateOnWrite ? await invalidate(leaderboardScenario.keyOf({}), 'a new game (POST /api/leaderboard/games, invalidateOnWrite)') : false;
  return { game: { ...game, playedAt: new Date(game.playedAt).toISOString() }, player, invalidated: invalidateOnWrite, deleted };
}
