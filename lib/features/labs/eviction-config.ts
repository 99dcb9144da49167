import 'server-only';
import { z } from 'zod';
import { env } from '../../core/env';
import { EVICTION_POLICIES, SAMPLE_SIZES } from './types';

const sampleSize = z.union(SAMPLE_SIZES.map((size) => z.literal(size)) as [z.ZodLiteral<5>, z.ZodLiteral<10>]);
const count = (fallback: number, min: number, max: number) => z.number().int().min(min).max(max).default(Math.min(fallback, max));

/**
 * An eviction run; every cap is a setting (LAB_MAX_*). The defaults are the classroom demo:
 * N = 10,000, C = 1,000, s = 1, 20 s per policy at a rate that reaches a steady state quickly.
 */
export const evictionRequest = z
  .strictObject({
    policies: z
      .array(z.enum(EVICTION_POLICIES))
      .min(1)
      .max(EVICTION_POLICIES.length)
      .refine((policies) => new Set(policies).size === policies.length, 'each policy once')
      .default(['allkeys-lru', 'allkeys-lfu']),
    // One size, or both: each policy then runs at 5 and at 10, to see what sampling costs.
    samples: z
      .union([sampleSize, z.array(sampleSize).min(1).max(SAMPLE_SIZES.length)])
      .default(5)
      .transform((samples) => [...new Set(Array.isArray(samples) ? samples : [samples])].sort((a, b) => a - b)),
    capacity: count(1000, 10, env.LAB_MAX_CAPACITY),
    inputs: count(10_000, 10, env.LAB_MAX_INPUTS),
    s: z.number().min(0).max(3).default(1),
    rps: count(5000, 1, env.LAB_MAX_RPS),
    durationSeconds: count(12, 1, env.LAB_MAX_DURATION_SECONDS),
    users: count(32, 1, env.LAB_MAX_USERS),
    valueBytes: count(1024, 16, env.LAB_MAX_VALUE_BYTES),
    warmupShare: z.number().min(0).max(0.9).default(0.4),
    seed: z.number().int().min(0).max(0xffff_ffff).optional(),
  })
  .superRefine((request, context) => {
    if (request.inputs <= request.capacity) {
      context.addIssue({ code: 'custom', path: ['inputs'], message: 'must be larger than the capacity, or nothing is ever evicted' });
    }
    const requests = request.rps * request.durationSeconds;
    if (requests > env.LAB_MAX_REQUESTS) {
      context.addIssue({ code: 'custom', path: ['rps'], message: `rps × durationSeconds asks for ${requests} requests per policy; at most ${env.LAB_MAX_REQUESTS}` });
    }
    // A rough upper bound on the memory asked for (the real figure is measured at run time).
    const megabytes = (request.capacity * (request.valueBytes + 200)) / 1_048_576;
    if (megabytes > env.LAB_MAX_MEMORY_MB) {
      context.addIssue({ code: 'custom', path: ['capacity'], message: `capacity × valueBytes needs about ${Math.ceil(megabytes)} MB; the lab allows ${env.LAB_MAX_MEMORY_MB} MB (LAB_MAX_MEMORY_MB)` });
    }
  })
  .transform((request) => ({ ...request, seed: request.seed ?? Math.floor(Math.random() * 0xffff_ffff) }));

export type EvictionRequest = z.output<typeof evictionRequest>;
