import type { Counted } from './tally';

/** One request as the recent-requests stream shows it. */
export interface Observation extends Counted {
  key: string;
}

export const EVENTS_KEPT = 100;

/** Metric sums and event latencies are stored to the microsecond. */
export const roundMs = (ms: number) => Math.round(ms * 1000) / 1000;

/** The stream entry's fields, as the events reader (lib/stats/events.ts) parses them. */
export function eventFields(event: Observation): string[] {
  return [
    't', String(event.at),
    'scenario', event.scenario,
    'source', event.source,
    'status', event.status,
    'key', event.key,
    'ms', String(roundMs(event.latencyMs)),
  ];
}
