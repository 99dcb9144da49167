import { EVENT_FIELDS } from './fields';
import type { Counted } from './tally';

/** One request as the recent-requests stream shows it. */
export interface Observation extends Counted {
  key: string;
  /** The request's trace when tracing is on (lib/cache/tracing.ts), so the dashboard can link to it. */
  traceId?: string;
}

export const EVENTS_KEPT = 100;

/** Metric sums and event latencies are stored to the microsecond. */
export const roundMs = (ms: number) => Math.round(ms * 1000) / 1000;

/** The stream entry's fields, as the events reader (lib/features/stats/events.ts) parses them. */
export function eventFields(event: Observation): string[] {
  return [
    EVENT_FIELDS.at, String(event.at),
    EVENT_FIELDS.scenario, event.scenario,
    EVENT_FIELDS.source, event.source,
    EVENT_FIELDS.status, event.status,
    EVENT_FIELDS.key, event.key,
    EVENT_FIELDS.latencyMs, String(roundMs(event.latencyMs)),
    ...(event.traceId === undefined ? [] : [EVENT_FIELDS.traceId, event.traceId]),
  ];
}
