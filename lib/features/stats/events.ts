import 'server-only';
import { EVENTS_KEPT } from '../../cache/event';
import { EVENT_FIELDS } from '../../cache/fields';
import { statsKeys } from '../../cache/keys';
import { STATUSES, type CacheStatus, type TrafficSource } from '../../cache/types';
import type { RecentEvent } from '../../contracts/dashboard';
import { withRedis } from '../../core/redis';

export const MAX_EVENTS = EVENTS_KEPT;

/** The newest cache operations first, from the capped stream the recorder writes. */
export async function recentEvents(count: number, sources?: readonly TrafficSource[]): Promise<RecentEvent[]> {
  // Read the whole (capped) stream when filtering by source, so the filter does not shorten the list needlessly.
  const read = sources && sources.length === 1 ? MAX_EVENTS : count;
  const entries = await withRedis((client) => client.xrevrange(statsKeys.events(), '+', '-', 'COUNT', read));
  return entries
    .map(([id, flat]) => toEvent(id, flat))
    .filter((event): event is RecentEvent => event !== null && (!sources || sources.includes(event.source as TrafficSource)))
    .slice(0, count);
}

/** One stream entry as the dashboard shows it (null: not one the recorder wrote). */
export function toEvent(id: string, flat: string[]): RecentEvent | null {
  const fields = new Map<string, string>();
  for (let index = 0; index + 1 < flat.length; index += 2) fields.set(flat[index] ?? '', flat[index + 1] ?? '');
  const status = fields.get(EVENT_FIELDS.status);
  if (!(STATUSES as readonly string[]).includes(status ?? '')) return null;
  return {
    id,
    t: Number(fields.get(EVENT_FIELDS.at)) || 0,
    scenario: fields.get(EVENT_FIELDS.scenario) ?? '',
    source: fields.get(EVENT_FIELDS.source) ?? '',
    status: status as CacheStatus,
    key: fields.get(EVENT_FIELDS.key) ?? '',
    ms: Number(fields.get(EVENT_FIELDS.latencyMs)) || 0,
    traceId: fields.get(EVENT_FIELDS.traceId),
  };
}
