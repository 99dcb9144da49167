import { ok, route } from '@/lib/http/handler';
import { gameInput, playGame } from '@/lib/scenarios/leaderboard/scenario';

/** Playing a game is the demo's own write, open to every visitor (no admin token), but rate-limited and same-origin. */
export const POST = route({ admin: 'same-origin', limit: 'scenario', body: gameInput }, async ({ body }) => ok(await playGame(body), { status: 201 }));
