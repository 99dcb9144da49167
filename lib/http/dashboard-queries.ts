import 'server-only';
import { z } from 'zod';
import { env } from '../core/env';
import { MAX_EVENTS } from '../features/stats/events';
import { findScenario } from '../scenarios/registry';

/** Query strings of the dashboard's endpoints: strict, so a misspelt parameter is a 400, not silently ignored. */
const scenarioId = z
  .string()
  .refine((id) => findScenario(id) !== undefined, { error: (issue) => `unknown scenario "${String(issue.input)}"` });

const source = z.enum(['live', 'sim', 'all']);

export const statsQuery = z.strictObject({
  window: z.coerce.number().int().min(10).max(env.STATS_MAX_WINDOW_SECONDS).default(60),
  source: source.default('all'),
  scenario: scenarioId.optional(),
});

export const keysQuery = z.strictObject({
  scenario: z.union([z.literal(''), scenarioId]).optional(),
  match: z.string().max(200).optional(),
  /** SCAN cursors are unsigned 64-bit integers, sent back as given; in a cluster `<master index>:<cursor>`. */
  cursor: z.string().regex(/^(\d{1,3}:)?\d{1,20}$/, 'must be a SCAN cursor (digits, or master:digits in a cluster)').default('0'),
});

export const keyQuery = z.strictObject({
  key: z.string().min(1).max(1024),
});

export const eventsQuery = z.strictObject({
  count: z.coerce.number().int().min(1).max(MAX_EVENTS).default(MAX_EVENTS),
  source: source.default('all'),
});

