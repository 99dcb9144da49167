import type Redis from 'ioredis';
import type { CacheEngine } from '../cache/engine';

/**
 * Two app instances in one process: engines on Redis connections of their own (every command one
 * round trip). Modules load here, when called, so a test has set process.env by then.
 */
export async function twoEngines(): Promise<{ engines: [CacheEngine, CacheEngine]; connections: [Redis, Redis]; disconnect: () => void }> {
  const { resilientClient } = await import('../core/redis');
  const { CacheEngine } = await import('../cache/engine');
  const open = async () => {
    const client = resilientClient(process.env.REDIS_URL ?? '', { lazyConnect: true });
    await client.connect();
    return client;
  };
  const connections: [Redis, Redis] = [await open(), await open()];
  return {
    engines: [new CacheEngine((work) => work(connections[0])), new CacheEngine((work) => work(connections[1]))],
    connections,
    disconnect: () => connections.forEach((client) => client.disconnect()),
  };
}
