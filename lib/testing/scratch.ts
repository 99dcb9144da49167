import type Redis from 'ioredis';
import { afterAll, expect } from 'vitest';
import { inspector, keysUnder, removeUnder } from './redis';

/**
 * A key prefix of this test file's own under CACHE_PREFIX, and a client to inspect it; after the
 * file's tests everything under it is deleted (and checked gone).
 */
export function scratchPrefix(name: string): { redis: Redis; prefix: string } {
  const redis = inspector();
  const prefix = `${process.env.CACHE_PREFIX ?? ''}${name}-${Math.random().toString(36).slice(2, 8)}:`;
  afterAll(async () => {
    await removeUnder(redis, prefix);
    expect(await keysUnder(redis, prefix)).toEqual([]);
    redis.disconnect();
  });
  return { redis, prefix };
}
