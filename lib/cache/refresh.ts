import 'server-only';
import { source, type Call } from './call';
import { ERROR_FIELD } from './fields';
import type { RedisRunner } from './options';
import { metricsRecorder } from './recorder';
import { computeAndStore } from './store';
import { tracing } from './tracing';
import type { CacheStrategy } from './types';

/** The stale-while-revalidate refreshes an engine has running behind answers already given. */
export class BackgroundRefreshes {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly redis: RedisRunner) {}

  /** Serve stale now; exactly one caller (it took the lock in the lookup script) refreshes behind it. */
  start<V>(call: Call<V>, strategy: CacheStrategy): void {
    const { scenario } = call.options;
    // This request was answered stale already: its call now stands for the refresh.
    call.overwrite = true;
    const traced = tracing();
    // It outlives the request that started it: traced in a trace of its own, linked to that request.
    const work = traced === null ? computeAndStore(this.redis, call, strategy, true) : traced.detached('cache.refresh', { 'cache.scenario': scenario, 'cache.key': call.key, 'cache.strategy': strategy }, () => computeAndStore(this.redis, call, strategy, true));
    const refresh = work.then(
      ({ computeMs }) => metricsRecorder().observeRefresh({ source: source(call.options), scenario, strategy, computeMs }),
      (error: unknown) => {
        metricsRecorder().adjust(source(call.options), scenario, ERROR_FIELD, 1);
        console.warn(`[cachelab] background refresh of ${call.key} failed:`, error);
      },
    );
    this.running.add(refresh);
    void refresh.finally(() => this.running.delete(refresh));
  }

  /** Resolves once the refreshes running now have finished. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}
