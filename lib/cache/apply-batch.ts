import 'server-only';
import type { RedisClient } from '../core/redis';
import { EVENTS_KEPT, eventFields, roundMs } from './event';
import { statsKeys } from './keys';
import type { Pending } from './pending';
import { applyBatchCommand } from './scripts';

/** How long Redis remembers an applied batch id: far longer than any retry waits. */
const APPLIED_IDS_TTL_SECONDS = 3600;

/**
 * A sealed batch: its id makes a resend harmless, `mayHaveLanded` says whether one is needed.
 * It writes the keys of one slot group only (`group`: their hash tag in a cluster, '' on one server).
 */
export interface Batch {
  id: string;
  group: string;
  minute: number;
  pending: Pending;
  mayHaveLanded: boolean;
}

/** Writes one batch with the batch script, which applies each batch id once. */
export async function applyBatch(client: RedisClient, batch: Batch, prefix: string): Promise<void> {
  const keys = [statsKeys.flushed(batch.minute, prefix, batch.group)];
  const indexOf = new Map<string, string>();
  const slot = (key: string) => {
    let index = indexOf.get(key);
    if (index === undefined) indexOf.set(key, (index = String(keys.push(key))));
    return index;
  };
  const { counts, sums, expiries, events } = batch.pending;
  const section = (entries: string[][]) => [String(entries.length), ...entries.flat()];
  const args = [
    batch.id,
    String(APPLIED_IDS_TTL_SECONDS),
    ...section([...counts].flatMap(([key, fields]) => [...fields].filter(([, delta]) => delta !== 0).map(([field, delta]) => [slot(key), field, String(delta)]))),
    ...section([...sums].flatMap(([key, fields]) => [...fields].map(([field, delta]) => [slot(key), field, String(roundMs(delta))]))),
    ...section([...expiries].map(([key, seconds]) => [slot(key), String(seconds)])),
    String(events.length),
    ...(events.length > 0 ? [slot(statsKeys.events(prefix)), String(EVENTS_KEPT)] : []),
    ...events.flatMap((event) => {
      const fields = eventFields(event);
      return [String(fields.length), ...fields];
    }),
  ];
  await applyBatchCommand(client, keys.length)(...keys, ...args);
}
