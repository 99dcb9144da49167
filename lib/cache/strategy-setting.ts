import 'server-only';
import { env } from '../core/env';
import { getRedis, withRedis } from '../core/redis';
import { KeyWatch } from './key-watch';
import { strategyConfigKey } from './keys';
import { DEFAULT_STRATEGY, isStrategy, type CacheStrategy } from './types';
import { processWide } from '../core/process-wide';

/*
 * Each scenario's cache strategy, chosen at run time and shared by every app instance: the hash
 * `<prefix>_config:strategy`, field = scenario id. Every process keeps a copy, so the lookup
 * script needs no third key — a hit stays one round trip to one node, in a Redis Cluster too.
 * The copy is re-read when Redis says the hash changed (KeyWatch: client tracking in broadcast
 * mode, whoever wrote it), so an idle instance sends nothing and a switch reaches every instance
 * within milliseconds. The instance that switches applies it at once. A server that refuses
 * CLIENT TRACKING is polled every STRATEGY_REFRESH_MS instead. A read that fails (Redis away)
 * keeps the last known settings; the first one is awaited by the first request, and falls back
 * to the default strategy if Redis does not answer; reconnecting re-reads.
 */
class StrategySettings {
  private known = new Map<string, CacheStrategy>();
  private first: Promise<void> | null = null;
  private loaded = false;
  private timer: NodeJS.Timeout | null = null;
  private watch: KeyWatch | null = null;
  /** Bumped by each local write: a refresh that started before it must not undo it. */
  private writes = 0;

  /** Without waiting (the hit path): the scenario's strategy once the first read is done, else undefined. */
  now(scenario: string): CacheStrategy | undefined {
    return this.loaded ? (this.known.get(scenario) ?? DEFAULT_STRATEGY) : undefined;
  }

  /** The scenario's strategy as this process knows it (after the first read of the hash). */
  async of(scenario: string): Promise<CacheStrategy> {
    if (!this.first) this.start();
    await this.first;
    return this.known.get(scenario) ?? DEFAULT_STRATEGY;
  }

  async write(scenario: string, strategy: CacheStrategy): Promise<void> {
    await withRedis((client) => client.hset(strategyConfigKey(), scenario, strategy));
    this.writes += 1;
    this.known.set(scenario, strategy);
  }

  /** Re-read now (when Redis says the hash changed; tests). */
  async refresh(): Promise<void> {
    const writes = this.writes;
    let stored: Record<string, string>;
    try {
      stored = await withRedis((client) => client.hgetall(strategyConfigKey()));
    } catch {
      return;
    }
    const next = new Map<string, CacheStrategy>();
    for (const [scenario, strategy] of Object.entries(stored)) if (isStrategy(strategy)) next.set(scenario, strategy);
    if (writes === this.writes) this.known = next;
  }

  private start() {
    this.first = this.refresh().finally(() => {
      this.loaded = true;
    });
    void this.listen();
  }

  /** One process on the embedded store: its own writes are all there is to follow. */
  private async listen(): Promise<void> {
    const { backend, client } = await getRedis();
    if (backend === 'embedded') return;
    this.watch = new KeyWatch(client, strategyConfigKey(), () => void this.refresh(), (reason) => this.poll(reason));
    this.watch.start();
  }

  private poll(reason: string) {
    console.warn(`[cachelab] CLIENT TRACKING refused (${reason}): strategies re-read every ${env.STRATEGY_REFRESH_MS} ms instead`);
    this.timer = setInterval(() => void this.refresh(), env.STRATEGY_REFRESH_MS);
    this.timer.unref?.();
  }
}

/** The process-wide copy. */
export const strategySettings = processWide('strategy.settings', () => new StrategySettings());

/** The stored setting, read from Redis now (the strategy API answers with the shared truth). */
export async function readStrategy(scenario: string): Promise<CacheStrategy> {
  const stored = await withRedis((client) => client.hget(strategyConfigKey(), scenario));
  return isStrategy(stored) ? stored : DEFAULT_STRATEGY;
}

export function writeStrategy(scenario: string, strategy: CacheStrategy): Promise<void> {
  return strategySettings().write(scenario, strategy);
}
