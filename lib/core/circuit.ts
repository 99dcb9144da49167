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
   * Runs `call(arg)` unless the circuit is open. Written with one `then` rather than as an async
   * function: the hit path runs through here, and each async layer adds promises and ticks. On
   * the closed path the two handlers are made once per breaker, not per call; `arg` lets the
   * caller pass its client without a closure of its own.
   */
  run<T, A = undefined>(call: (arg: A) => Promise<T>, arg?: A): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.trialInFlight)) {
      return Promise.reject(new RedisUnavailableError('Redis circuit open: skipping the cache for now', true));
    }
    const isTrial = state === 'half-open';
    if (isTrial) this.trialInFlight = true;
    let pending: Promise<T>;
    try {
      pending = call(arg as A);
    } catch (error) {
      pending = Promise.reject(error);
    }
    if (!isTrial) return pending.then(this.succeeded as (result: T) => T, this.rethrow);
    return pending.then(
      (result) => {
        this.trialInFlight = false;
        this.failures = 0;
        return result;
      },
      (error: unknown) => {
        this.trialInFlight = false;
        throw this.failed(error);
      },
    );
  }

  private readonly succeeded = (result: unknown): unknown => {
    this.failures = 0;
    return result;
  };

  private readonly rethrow = (error: unknown): never => {
    throw this.failed(error);
  };

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
