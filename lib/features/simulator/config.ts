import 'server-only';
import { z } from 'zod';
import { STRATEGIES } from '../../cache';
import { env } from '../../core/env';
import type { Distribution } from '../../workload/sampler';
import type { SimulationConfig } from './types';

const count = (fallback: number, max: number) => z.number().int().min(1).max(max).default(fallback);

/** A run request; every cap is a setting (SIMULATOR_MAX_*). */
export const simulationRequest = z
  .strictObject({
    scenario: z.string().min(1).max(64),
    distribution: z.enum(['uniform', 'zipf', 'burst']).default('zipf'),
    inputs: count(Math.min(1000, env.SIMULATOR_MAX_INPUTS), env.SIMULATOR_MAX_INPUTS),
    s: z.number().min(0).max(4).default(1),
    users: count(Math.min(20, env.SIMULATOR_MAX_USERS), env.SIMULATOR_MAX_USERS),
    rps: count(Math.min(100, env.SIMULATOR_MAX_RPS), env.SIMULATOR_MAX_RPS),
    durationSeconds: count(Math.min(30, env.SIMULATOR_MAX_DURATION_SECONDS), env.SIMULATOR_MAX_DURATION_SECONDS),
    seed: z.number().int().min(0).max(0xffff_ffff).optional(),
    strategy: z.enum(STRATEGIES).optional(),
    compare: z.union([z.literal('bypass'), z.enum(STRATEGIES)]).optional(),
    computeDelayMs: z.number().int().min(0).max(120_000).optional(),
    ttlSeconds: z.number().int().min(1).max(7 * 24 * 3600).optional(),
  })
  .superRefine((request, context) => {
    const planned = plannedRequests(request);
    if (planned > env.SIMULATOR_MAX_REQUESTS) {
      const what = request.distribution === 'burst' ? 'users' : 'rps × durationSeconds';
      context.addIssue({ code: 'custom', path: [], message: `${what} asks for ${planned} requests; a run has at most ${env.SIMULATOR_MAX_REQUESTS}` });
    }
  })
  .transform((request) => ({ ...request, seed: request.seed ?? Math.floor(Math.random() * 0xffff_ffff) }));

export type SimulationRequest = z.output<typeof simulationRequest>;

/** Requests per phase: one per user in a burst, else the rate kept for the whole duration. */
export function plannedRequests(config: Pick<SimulationConfig, 'distribution' | 'users' | 'rps' | 'durationSeconds'>): number {
  return config.distribution === 'burst' ? config.users : config.rps * config.durationSeconds;
}

export function distributionOf(config: Pick<SimulationConfig, 'distribution' | 'inputs' | 's'>): Distribution {
  if (config.distribution === 'burst') return { kind: 'burst' };
  if (config.distribution === 'uniform') return { kind: 'uniform', inputs: config.inputs };
  return { kind: 'zipf', inputs: config.inputs, s: config.s };
}
