import 'server-only';
import type { NearTier } from './near/near-cache';
import { metricsRecorder } from './recorder';

/** Where the near cache stands for this engine: not asked yet, being set up, or known (null: unavailable here). */
type State = { state: 'unasked' } | { state: 'pending' } | { state: 'known'; near: NearTier | null };

/** An engine's near cache, set up lazily by its first `near` request. */
export class NearSlot {
  private slot: State = { state: 'unasked' };

  constructor(private readonly near: () => Promise<NearTier | null>) {}

  /** The near cache without waiting: its set-up starts with the first `near` request, which (like any before it is ready) reads Redis. */
  current(): NearTier | null {
    const slot = this.slot;
    if (slot.state === 'known') return slot.near;
    if (slot.state === 'unasked') {
      this.slot = { state: 'pending' };
      void this.near().then(
        (near) => {
          // Each key Redis tells this instance to drop is charted (invalidations per second).
          near?.onInvalidate((key) => key !== null && metricsRecorder().countInvalidation(Date.now()));
          this.slot = { state: 'known', near };
        },
        () => (this.slot = { state: 'known', near: null }),
      );
    }
    return null;
  }
}
