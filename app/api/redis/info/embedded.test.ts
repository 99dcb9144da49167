import { NextRequest } from 'next/server';
import { afterAll, describe, expect, it } from 'vitest';
import type { RedisInfo } from '@/lib/contracts/dashboard';
import { plantEmbeddedStore } from '@/lib/testing/embedded';
import { GET } from './route';

const { store, restore } = plantEmbeddedStore();

afterAll(restore);

describe('GET /api/redis/info on the embedded store', () => {
  it('shows what it really has (its keys) and nothing invented: the sample INFO of ioredis-mock is not passed off as a server', async () => {
    await store.set('a', '1');
    await store.set('b', '2');
    const response = await GET(new NextRequest('http://localhost/api/redis/info'), {});
    expect(response.status).toBe(200);
    const data = ((await response.json()) as { data: RedisInfo }).data;
    expect(data).toMatchObject({ backend: 'embedded', keys: 2, version: null, keyspaceHits: null, usedMemoryBytes: null, opsPerSecond: null });
  });
});
