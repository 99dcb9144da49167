import 'server-only';
import { z } from 'zod';
import { env } from '../../core/env';

const count = (fallback: number, min: number, max: number) => z.number().int().min(min).max(max).default(Math.min(fallback, max));

/**
 * Traffic for the failure lab: modest by default (it runs while faults are injected, not to
 * measure throughput), over enough inputs that new entries keep being written (fill memory shows).
 */
const trafficFields = {
  rps: count(200, 1, env.LAB_MAX_RPS),
  users: count(16, 1, env.LAB_MAX_USERS),
  inputs: count(5000, 1, env.LAB_MAX_INPUTS),
  s: z.number().min(0).max(3).default(1),
  durationSeconds: count(120, 5, env.LAB_MAX_TRAFFIC_SECONDS),
  seed: z.number().int().min(0).max(0xffff_ffff).optional(),
};

/** POST /api/labs/faults: one fault, undoing them, or starting and stopping the traffic. */
export const faultRequest = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('pause'), seconds: count(5, 1, env.LAB_MAX_PAUSE_SECONDS) }),
  z.strictObject({ action: z.literal('latency'), ms: count(400, 0, env.LAB_MAX_LATENCY_MS) }),
  z.strictObject({ action: z.enum(['kill-connections', 'stop', 'start', 'fill-memory', 'reset']) }),
  z.strictObject({ action: z.literal('stop-traffic') }),
  z.strictObject({ action: z.literal('start-traffic'), ...trafficFields }),
]);

export type FaultRequest = z.output<typeof faultRequest>;
