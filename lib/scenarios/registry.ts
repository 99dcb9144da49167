import 'server-only';
import type { Scenario } from './scenario';
import { usernameScenario } from './username';

/** Every scenario the dashboard, key browser and simulator know about. */
export const SCENARIOS: readonly Scenario<never, unknown>[] = [usernameScenario as Scenario<never, unknown>];

export function findScenario(id: string): Scenario<never, unknown> | undefined {
  return SCENARIOS.find((scenario) => scenario.id === id);
}
