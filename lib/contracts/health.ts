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
  /** Cache commands failing although Redis may answer, in plain words with what to do (lib/health.ts). */
  problems: z.array(
    z.object({ code: z.string(), summary: z.string(), advice: z.string(), detail: z.string(), count: z.number(), lastAt: z.number() }),
  ),
});
export type HealthResponse = z.output<typeof healthSchema>;
