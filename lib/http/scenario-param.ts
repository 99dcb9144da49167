import 'server-only';
import { findScenario, SCENARIOS } from '../scenarios/registry';
import type { Scenario } from '../scenarios/scenario';
import { ApiError } from './errors';

/** The scenario a `{scenario}` path segment names, or a 404 that lists the known ones. */
export function scenarioParam(id: string): Scenario<never, unknown> {
  const scenario = findScenario(id);
  if (!scenario) {
    const known = SCENARIOS.map((candidate) => candidate.id).join(', ');
    throw new ApiError(404, 'unknown_scenario', `No scenario "${id}" (known: ${known}).`);
  }
  return scenario;
}
