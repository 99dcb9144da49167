import 'server-only';
import { env } from '../core/env';
import { withRedis } from '../core/redis';
import { strategyConfigKey } from './keys';
import { DEFAULT_STRATEGY, isStrategy, type CacheStrategy } from './types';
import { processWide } from '../core/process-wide';

/*
 * Each scenario's cache strategy, chosen at run time and shared by every app instance: the hash
 * `<prefix>_config:strategy`, field = scenario id. Every process keeps a copy and re-reads the
 * hash every STRATEGY_REFRESH_MS (≤ 1 s), so the lookup script needs no third key — a hit stays
 * one round trip to one node, in a Redis Cluster too — and a switch on one instance is followed
 * by every other within one refresh. The instance that switches applies it at once. A refresh
 * that fails (Redis away) keeps the last known settings; the first one is awaited by the first
 * request, and falls back to the default strategy if Redis does not answer.
 */
class StrategySettings {
  private known = new Map<string, CacheStrategy>();
  private first: Promise<void> | null = null;
  private loaded = false;
  private timer: NodeJS.Timeout | null = null;
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

  /** Re-read now (tests; the timer does it otherwise). */
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
