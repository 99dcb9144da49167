import 'server-only';
import { isSampleCountField } from './fields';
import type { Observation } from './event';

type Deltas = Map<string, Map<string, number>>;

/** What the recorder has counted since its last flush: additions per hash field, key expiries, recent events. */
export interface Pending {
  counts: Deltas;
  sums: Deltas;
  expiries: Map<string, number>;
  events: Observation[];
  fields: number;
}

export const emptyPending = (): Pending => ({ counts: new Map(), sums: new Map(), expiries: new Map(), events: [], fields: 0 });
export const isEmptyPending = (pending: Pending) => pending.fields === 0 && pending.events.length === 0;

export function addTo(pending: Pending, kind: 'counts' | 'sums', key: string, field: string, delta: number) {
  let fields = pending[kind].get(key);
  if (!fields) pending[kind].set(key, (fields = new Map()));
  const previous = fields.get(field);
  if (previous === undefined) pending.fields += 1;
  fields.set(field, (previous ?? 0) + delta);
}

/** Request counts per status and errors; `<status>_n` goes with the latency sums it counts. */
export function* totalsCounts(pending: Pending): Generator<[string, string, number]> {
  for (const [key, fields] of pending.counts) {
    if (!key.includes(':totals:')) continue;
    for (const [field, delta] of fields) if (!isSampleCountField(field)) yield [key, field, delta];
  }
}
