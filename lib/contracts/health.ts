import { z } from 'zod';

/** GET /api/health (200 when ok, 503 when degraded). */
export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  backend: z.enum(['redis', 'embedded']),
  redis: z.object({ connected: z.boolean(), version: z.string().nullable(), circuit: z.enum(['closed', 'open', 'half-open']) }),
});
export type HealthResponse = z.output<typeof healthSchema>;
