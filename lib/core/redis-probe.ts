// No `server-only` guard: the Playwright specs' own redis-servers use this probe too, outside any bundler.
import Redis from 'ioredis';

/** Whether a Redis answers PING at `url` right now: one short attempt, no retries, nothing left open. */
export async function redisAnswers(url: string, connectTimeoutMs = 500): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: connectTimeoutMs, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
