import { NextRequest } from 'next/server';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeEnvelope } from '@/lib/cache/envelope';
import type { KeyPage } from '@/lib/contracts/dashboard';
import { env } from '@/lib/core/env';
import { plantEmbeddedStore } from '@/lib/testing/embedded';
import { GET } from './route';

const { store, restore } = plantEmbeddedStore();

afterAll(restore);

describe('GET /api/keys on the embedded store', () => {
  it('still matches filter text literally, although ioredis-mock ignores escapes in MATCH patterns', async () => {
    for (const name of ['a*b', 'axb', 'a?b', 'a[a]b', 'aab', 'a\\b']) {
      await store.set(`${env.CACHE_PREFIX}expensive_function:${name}`, encodeEnvelope({ username_extended: name }, { storedAt: Date.now(), computeMs: 1, expiry: 'ttl' }), 'PX', 60_000);
    }
    await store.hset(`${env.CACHE_PREFIX}_stats:live:totals:username`, 'hit', 1);
    const filtered = async (text: string) => {
      const response = await GET(new NextRequest(`http://localhost/api/keys?match=${encodeURIComponent(text)}`), {});
      return ((await response.json()) as { data: KeyPage }).data.keys.map((key) => key.readableKey);
    };
    expect(await filtered('*')).toEqual(['expensive_function:a*b']);
    expect(await filtered('?')).toEqual(['expensive_function:a?b']);
    expect(await filtered('[a]')).toEqual(['expensive_function:a[a]b']);
    expect(await filtered('\\')).toEqual(['expensive_function:a\\b']);
    expect(await filtered('')).toHaveLength(6);
  });
});
