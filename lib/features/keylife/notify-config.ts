import 'server-only';
import type Redis from 'ioredis';

/**
 * Classes of notify-keyspace-events Cache Lab listens to: E keyevent channels, $ string
 * commands (set), g generic ones (del, unlink, expire), x expired, e evicted.
 */
export const NEEDED_CLASSES = ['E', '$', 'g', 'x', 'e'] as const;
/** `A` is Redis' alias for every data-type class, `g$lshzxet` (d and m are not in it). */
const ALIAS_A = 'g$lshzxet';

export function missingClasses(flags: string): string[] {
  const enabled = flags.replace('A', ALIAS_A);
  return NEEDED_CLASSES.filter((flag) => !enabled.includes(flag));
}

export type NotifyConfig = { flags: string; missing: string[] } | { flags: null; refusal: string };

/** The server's notify-keyspace-events; managed services often refuse CONFIG, which is then explained. */
async function readNotifyConfig(client: Redis): Promise<NotifyConfig> {
  try {
    const reply = (await client.config('GET', 'notify-keyspace-events')) as string[];
    const flags = reply[1] ?? '';
    return { flags, missing: missingClasses(flags) };
  } catch (error) {
    return { flags: null, refusal: refusalMessage(error) };
  }
}

/**
 * Adds the missing classes to what is configured (never removes another client's classes).
 * Returns the new configuration, or the refusal explained.
 */
async function enableNotifyClasses(client: Redis): Promise<NotifyConfig> {
  const current = await readNotifyConfig(client);
  if (current.flags === null || current.missing.length === 0) return current;
  try {
    await client.config('SET', 'notify-keyspace-events', current.flags + current.missing.join(''));
  } catch (error) {
    return { flags: null, refusal: refusalMessage(error) };
  }
  return readNotifyConfig(client);
}

function refusalMessage(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `Redis refused CONFIG (${reason.slice(0, 160)}). Managed services (ElastiCache, Memorystore, Upstash…) often forbid it: set notify-keyspace-events to include "${NEEDED_CLASSES.join('')}" in the service's own parameter settings.`;
}

/** Every node's configuration as one: the first refusal, else the classes missing anywhere (a cluster sets them per node). */
export async function readNotifyConfigOf(nodes: readonly Redis[]): Promise<NotifyConfig> {
  return mergeConfigs(await Promise.all(nodes.map((node) => readNotifyConfig(node))));
}

export async function enableNotifyClassesOn(nodes: readonly Redis[]): Promise<NotifyConfig> {
  return mergeConfigs(await Promise.all(nodes.map((node) => enableNotifyClasses(node))));
}

function mergeConfigs(configs: NotifyConfig[]): NotifyConfig {
  const refused = configs.find((config) => config.flags === null);
  if (refused) return refused;
  const read = configs as { flags: string; missing: string[] }[];
  return { flags: [...new Set(read.map((config) => config.flags))].join(' / '), missing: [...new Set(read.flatMap((config) => config.missing))] };
}
