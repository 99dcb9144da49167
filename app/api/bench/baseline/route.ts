import { env } from '@/lib/core/env';
import { ApiError } from '@/lib/http/errors';
import { ok, route } from '@/lib/http/handler';
import { z } from 'zod';

/**
 * Benchmark baseline, not a product endpoint: a constant JSON body of the requested size,
 * so `npm run bench` can compare a cached scenario with what the framework alone can serve
 * (same build, same handler wrapper, no Redis). Answers 404 unless BENCH_ROUTES=1.
 */
const query = z.strictObject({ bytes: z.coerce.number().int().min(16).max(65_536) });

export const GET = route({ query }, async ({ query: { bytes } }) => {
  if (!env.BENCH_ROUTES) throw new ApiError(404, 'not_found', 'Benchmark routes are off (BENCH_ROUTES=1 turns them on).');
  return ok(constantBody(bytes));
});

/** `{"data":"xxx…"}`: 11 bytes of JSON around the padding, so the body is exactly `bytes` long. */
const constantBody = (bytes: number) => 'x'.repeat(bytes - 11);
