import 'server-only';

/**
 * Redis could not do what was asked: callers fail open (compute without the cache) or
 * answer 503. `notSent`: the call certainly never reached Redis. `refused`: Redis answered
 * with an error (OOM, READONLY, LOADING, BUSY…), so the connection itself is fine.
 */
export class RedisUnavailableError extends Error {
  constructor(
    message: string,
    readonly notSent: boolean,
    readonly refused = false,
  ) {
    super(message);
    this.name = 'RedisUnavailableError';
  }
}

export interface BreakerOptions {
  threshold: number;
  cooldownMs: number;
  /** Told of every refusal (OOM, READONLY, CROSSSLOT…): the connection is fine, so it would otherwise go unnoticed. */
  onRefused?: (error: RedisUnavailableError) => void;
  now?: () => number;
}

/**
 * A circuit breaker: after `threshold` consecutive failures, calls fail at once for
 * `cooldownMs`, so a paused Redis costs one timeout, not one per request. Then one
 * trial call is let through; its outcome closes or re-opens the circuit.
 */
export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;
  private trialInFlight = false;
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.failures < this.options.threshold) return 'closed';
    return this.now() < this.openUntil ? 'open' : 'half-open';
  }

  /**
   * Runs `call` unless the circuit is open. Written with one `then` rather than as an async
   * function: the hit path runs through here, and each async layer adds promises and ticks.
   */
  run<T>(call: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.trialInFlight)) {
      return Promise.reject(new RedisUnavailableError('Redis circuit open: skipping the cache for now', true));
    }
    const isTrial = state === 'half-open';
    if (isTrial) this.trialInFlight = true;
    let pending: Promise<T>;
    try {
      pending = call();
    } catch (error) {
      pending = Promise.reject(error);
    }
    return pending.then(
      (result) => {
        if (isTrial) this.trialInFlight = false;
        this.failures = 0;
        return result;
      },
      (error: unknown) => {
        if (isTrial) this.trialInFlight = false;
        throw this.failed(error);
      },
    );
  }

  /** What a failed call becomes; an error reply proves the connection works, so it does not count towards opening. */
  private failed(error: unknown): RedisUnavailableError {
    if (isReplyError(error)) {
      this.failures = 0;
      const refused = new RedisUnavailableError((error as Error).message, false, true);
      this.options.onRefused?.(refused);
      return refused;
    }
    this.recordFailure();
    return asUnavailable(error);
  }

  private recordFailure() {
    this.failures += 1;
    if (this.failures >= this.options.threshold) this.openUntil = this.now() + this.options.cooldownMs;
  }
}

function isReplyError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ReplyError';
}

/**
 * ioredis says "Stream isn't writeable" when the offline queue is off and the socket is
 * down, and its Cluster client "Cluster isn't ready" before it knows the slots: nothing was sent. A timeout or a connection closed mid-flight may have been applied.
 */
function asUnavailable(error: unknown): RedisUnavailableError {
  if (error instanceof RedisUnavailableError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new RedisUnavailableError(message, /isn't writeable|isn't ready/.test(message));
}
