import { NextRequest } from 'next/server';
import { afterAll, describe, expect, it } from 'vitest';
import type { RedisInfo } from '@/lib/contracts/dashboard';
import { inspector } from '@/lib/testing/redis';
import { GET } from './route';

const redis = inspector();

afterAll(() => redis.disconnect());

async function info(query = ''): Promise<Response> {
  return GET(new NextRequest(`http://localhost/api/redis/info${query}`), {});
}

describe('GET /api/redis/info', () => {
  it("reports the server's own figures, as INFO gives them", async () => {
    const response = await info();
    expect(response.status).toBe(200);
    const data = ((await response.json()) as { data: RedisInfo }).data;
    const version = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1];
    expect(data).toMatchObject({ backend: 'redis', version, mode: 'standalone' });
    for (const figure of ['uptimeSeconds', 'usedMemoryBytes', 'peakMemoryBytes', 'connectedClients', 'opsPerSecond', 'keyspaceHits', 'keyspaceMisses', 'expiredKeys', 'evictedKeys'] as const) {
      expect(typeof data[figure], figure).toBe('number');
    }
    expect(data.peakMemoryBytes).toBeGreaterThanOrEqual(data.usedMemoryBytes ?? Infinity);
    expect(data.connectedClients).toBeGreaterThanOrEqual(2); // the app's client and this inspector
    expect(data.keys).toBe(await redis.dbsize());
  });

  it('takes no parameters', async () => {
    expect((await info('?section=all')).status).toBe(400);
  });
});
