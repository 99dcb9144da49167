import Redis from 'ioredis';
import { escapeGlob } from '../cache/keys';

/** A plain client for assertions: it sees what the app wrote, beside the app's own client. */
export function inspector(url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/9'): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  // Fault tests stop this Redis on purpose: reconnect quietly.
  client.on('error', () => {});
  return client;
}

export async function keysUnder(client: Redis, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await client.scan(cursor, 'MATCH', `${escapeGlob(prefix)}*`, 'COUNT', 1000);
    found.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return found;
}

/** Delete everything a test wrote under its prefix. */
export async function removeUnder(client: Redis, prefix: string): Promise<void> {
  const keys = await keysUnder(client, prefix);
  for (let index = 0; index < keys.length; index += 500) await client.unlink(...keys.slice(index, index + 500));
}

/** Counts of one command in INFO commandstats, to prove how many round trips something costs. */
export async function commandCalls(client: Redis, command: string): Promise<number> {
  const info = await client.info('commandstats');
  const line = new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info);
  return line ? Number(line[1]) : 0;
}

export async function totalCommandCalls(client: Redis): Promise<number> {
  const info = await client.info('commandstats');
  return [...info.matchAll(/calls=(\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
}
