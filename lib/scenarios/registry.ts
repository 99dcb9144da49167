import 'server-only';
import { ApiError } from '../core/errors';
import { leaderboardScenario } from './leaderboard/scenario';
import { ratesScenario } from './rates';
import type { Scenario } from './scenario';
import { sentimentScenario } from './sentiment/scenario';
import { usernameScenario } from './username';
import { weatherScenario } from './weather/scenario';

/**
 * Every scenario the dashboard, key browser and simulator know about. Weather is one scenario
 * whose input picks the strategy, so both of its keys (`weather:ttl:*`, `weather:daily:*`)
 * share the namespace `weather` and one row of metrics.
 */
export const SCENARIOS: readonly Scenario<never, unknown>[] = [
  usernameScenario as Scenario<never, unknown>,
  sentimentScenario as Scenario<never, unknown>,
  leaderboardScenario as Scenario<never, unknown>,
  weatherScenario as Scenario<never, unknown>,
  ratesScenario as Scenario<never, unknown>,
];

export function findScenario(id: string): Scenario<never, unknown> | undefined {
  return SCENARIOS.find((scenario) => scenario.id === id);
}

/** The scenario an id names, or a 404 that lists the known ones. */
export function scenarioOrNotFound(id: string): Scenario<never, unknown> {
  const scenario = findScenario(id);
  if (scenario) return scenario;
  const known = SCENARIOS.map((candidate) => candidate.id).join(', ');
  throw new ApiError(404, 'unknown_scenario', `No scenario "${id}" (known: ${known}).`);
}

/** The nav's scenario entries, in registry order. */
export function scenarioLinks(): { href: string; label: string }[] {
  return SCENARIOS.map(({ page }) => ({ href: page.path, label: page.label }));
}
