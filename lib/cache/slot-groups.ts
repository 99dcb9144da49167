import 'server-only';
import { clusterLayout, hashTagOf } from './keys';
import { emptyPending, type Pending } from './pending';

/**
 * One Pending per slot group (the hash tag of its keys in a cluster; a single group on one
 * server, where `hashTagOf` would only split needlessly): a script may only write keys of one slot.
 */
export function splitBySlotGroup(pending: Pending, eventsKey: string): Map<string, Pending> {
  if (!clusterLayout()) return new Map([['', pending]]);
  const groups = new Map<string, Pending>();
  const of = (key: string) => {
    const group = hashTagOf(key);
    let part = groups.get(group);
    if (!part) groups.set(group, (part = emptyPending()));
    return part;
  };
  for (const kind of ['counts', 'sums'] as const) {
    for (const [key, fields] of pending[kind]) {
      const part = of(key);
      part[kind].set(key, fields);
      part.fields += fields.size;
    }
  }
  for (const [key, seconds] of pending.expiries) of(key).expiries.set(key, seconds);
  if (pending.events.length > 0) of(eventsKey).events = pending.events;
  return groups;
}
