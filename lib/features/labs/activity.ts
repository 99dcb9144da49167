import 'server-only';
import { LabError } from './errors';

/** Something running on the lab Redis: an eviction run or the failure lab's traffic. */
export interface LabActivity {
  kind: 'eviction' | 'traffic';
  id: string;
  readonly running: boolean;
  cancel(): void;
}

const CURRENT = Symbol.for('cachelab.labs.activity');
// Anchored like the Redis client: every route bundle of this process must see the same run.
type Anchored = typeof globalThis & { [CURRENT]?: LabActivity };

/** One lab run at a time per lab Redis: a second would flush or reconfigure it under the first. */
export function claimLab(start: () => LabActivity): LabActivity {
  const anchor = globalThis as Anchored;
  const active = anchor[CURRENT];
  if (active?.running) {
    throw new LabError(409, 'lab_busy', `The lab Redis is busy with ${active.kind === 'eviction' ? 'eviction run' : 'failure-lab traffic'} ${active.id}: wait for it or cancel it first.`);
  }
  const activity = start();
  anchor[CURRENT] = activity;
  return activity;
}

export function currentActivity(): LabActivity | null {
  const active = (globalThis as Anchored)[CURRENT];
  return active?.running ? active : null;
}
