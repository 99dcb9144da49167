import Redis from 'ioredis';

/** Delete every key the e2e app wrote under its prefix on the shared Redis. */
export default async function globalTeardown() {
  const prefix = process.env.E2E_CACHE_PREFIX;
  if (!prefix) return;
  const redis = new Redis(process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379/10');
  try {
    const stream = redis.scanStream({ match: `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`, count: 1000 });
    for await (const keys of stream as AsyncIterable<string[]>) if (keys.length > 0) await redis.unlink(...keys);
  } finally {
    redis.disconnect();
  }
}
