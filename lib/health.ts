import 'server-only';
import { getRedis, redisBreaker, type Backend } from './redis';

export interface Health {
  status: 'ok' | 'degraded';
  backend: Backend;
  redis: { connected: boolean; version: string | null; circuit: 'closed' | 'open' | 'half-open' };
}

/** What the app is talking to, and whether it answers; never the URL (it may hold a password). */
export async function getHealth(): Promise<Health> {
  const { client, backend } = await getRedis();
  const version = backend === 'embedded' ? ((await serverVersion(() => client.info('server'))) && 'embedded (ioredis-mock)') : await serverVersion(() => client.info('server'));
  const connected = version !== null;
  return { status: connected ? 'ok' : 'degraded', backend, redis: { connected, version, circuit: redisBreaker().state } };
}

async function serverVersion(readInfo: () => Promise<string>): Promise<string | null> {
  try {
    const info = await readInfo();
    return /redis_version:([^\r\n]+)/.exec(info)?.[1] ?? 'embedded';
  } catch {
    return null;
  }
}
