import { route } from '@/lib/http/handler';
import { invalidateEntry, scenarioQuery, serveScenario } from '@/lib/http/scenario-response';
import { leaderboardScenario } from '@/lib/scenarios/leaderboard/scenario';

export const GET = route({ limit: 'compute', query: scenarioQuery }, (lookup) => serveScenario(leaderboardScenario, {}, lookup));

export const DELETE = route({ admin: true, limit: 'admin' }, () => invalidateEntry(leaderboardScenario, {}));
