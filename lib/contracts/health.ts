import { z } from 'zod';

/** GET /api/health (200 when ok, 503 when degraded). */
export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  backend: z.enum(['redis', 'embedded']),
  redis: z.object({
    connected: z.boolean(),
    version: z.string().nullable(),
    circuit: z.enum(['closed', 'open', 'half-open']),
    topology: z.enum(['standalone', 'cluster']),
  }),
  /** Cache commands failing although Redis may answer, in plain words with what to do (lib/server/health.ts). */
  problems: z.array(
    z.object({ code: z.string(), summary: z.string(), advice: z.string(), detail: z.string(), count: z.number(), lastAt: z.number() }),
  ),
  /** This instance's near cache (strategy `near`): its L1 figures, or why it cannot run here. */
  nearCache: z.union([
    z.object({ available: z.literal(false), reason: z.string() }),
    z.object({ available: z.literal(true), started: z.literal(false) }),
    z.object({
      available: z.literal(true),
      started: z.literal(true),
      state: z.enum(['starting', 'ready', 'down', 'closed']),
      entries: z.number(),
      bytes: z.number(),
      invalidations: z.number(),
      clears: z.number(),
      /** In a Redis Cluster: each master's own tracked L1. */
      nodes: z.array(z.object({ node: z.string(), state: z.enum(['starting', 'ready', 'down', 'closed']), entries: z.number() })).optional(),
    }),
  ]),
});
export type HealthResponse = z.output<typeof healthSchema>;
