import { STATUSES, type CacheStatus } from '../../cache/types';

/** A zero for every status the engine answers with. */
export function zeroCounts(): Record<CacheStatus, number> {
  return Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<CacheStatus, number>;
}
