import 'server-only';
import { withRedis } from '../redis';
import { strategyConfigKey } from './keys';
import { DEFAULT_STRATEGY, isStrategy, type CacheStrategy } from './types';

/*
 * Each scenario's cache strategy, chosen at run time and shared by every app instance: the hash
 * `<prefix>_config:strategy`, field = scenario id. The lookup script reads it itself, so a switch
 * costs requests no extra round trip and every instance switches at the same moment.
 */

export async function readStrategy(scenario: string): Promise<CacheStrategy> {
  const stored = await withRedis((client) => client.hget(strategyConfigKey(), scenario));
  return isStrategy(stored) ? stored : DEFAULT_STRATEGY;
}

export async function writeStrategy(scenario: string, strategy: CacheStrategy): Promise<void> {
  await withRedis((client) => client.hset(strategyConfigKey(), scenario, strategy));
}
