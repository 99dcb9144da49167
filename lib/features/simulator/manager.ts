import 'server-only';
import { DEFAULT_STRATEGY, type CacheStrategy } from '../../cache';
import { readStrategy } from '../../cache/strategy-setting';
import { ApiError } from '../../core/errors';
import { SCENARIOS, scenarioOrNotFound } from '../../scenarios/registry';
import type { Scenario } from '../../scenarios/scenario';
import type { SimulationRequest } from './config';
import { Simulation, type Simulated } from './run';
import { processWide } from '../../core/process-wide';
import { KeptRuns } from '../../core/run-lifecycle';

/** Finished runs kept in memory for their result pages. */
const KEPT_RUNS = 10;
// Every route bundle of this process must see the same runs.
const runs = processWide('simulator.runsKept', () => new KeptRuns<Simulation>(KEPT_RUNS));

/** Scenarios the simulator can drive: those that say what their rank-r input is. */
export function simulatedScenarios(): Simulated[] {
  return SCENARIOS.filter(isSimulated);
}

/** Starts a run, one at a time per app instance (409 while one runs). */
export async function startSimulation(request: SimulationRequest): Promise<Simulation> {
  const scenario = simulatedScenario(request.scenario);
  if (request.distribution !== 'burst' && scenario.sampleSize !== undefined && request.inputs > scenario.sampleSize) {
    throw new ApiError(400, 'invalid_input', `inputs: ${scenario.id} has ${scenario.sampleSize} distinct inputs at most`);
  }
  const strategy = request.strategy ?? (await configuredStrategy(scenario.id));
  // Checked after the last await, so two starts can never both pass.
  const active = runs().active();
  if (active) {
    throw new ApiError(409, 'simulation_running', `Simulation ${active.id} is still running: wait for it to finish or cancel it first.`);
  }
  return runs().add(new Simulation({ ...request, strategy }, scenario));
}

export function findSimulation(id: string): Simulation {
  const run = runs().find(id);
  if (!run) throw new ApiError(404, 'unknown_simulation', `No simulation "${id}" on this app instance (runs are kept in memory).`);
  return run;
}

export function latestSimulation(): Simulation | null {
  return runs().latest();
}

function simulatedScenario(id: string): Simulated {
  const scenario = scenarioOrNotFound(id);
  if (!isSimulated(scenario)) throw new ApiError(400, 'not_simulated', `The simulator cannot drive "${id}": it names no sample inputs.`);
  return scenario;
}

const isSimulated = (scenario: Scenario<never, unknown>): scenario is Simulated => scenario.sampleInput !== undefined;

/** Redis down: run with the default strategy; every request will say `bypass` anyway. */
async function configuredStrategy(scenario: string): Promise<CacheStrategy> {
  try {
    return await readStrategy(scenario);
  } catch {
    return DEFAULT_STRATEGY;
  }
}
