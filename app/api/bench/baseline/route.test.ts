import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** lib/core/env.ts reads BENCH_ROUTES once per module graph: each case loads the route afresh. */
async function loadRoute(benchRoutes: string | undefined) {
  vi.resetModules();
  if (benchRoutes === undefined) delete process.env.BENCH_ROUTES;
  else process.env.BENCH_ROUTES = benchRoutes;
  return import('./route');
}

const get = (query: string) => new NextRequest(`http://localhost/api/bench/baseline${query}`);

afterEach(() => {
  delete process.env.BENCH_ROUTES;
});

describe('GET /api/bench/baseline', () => {
  it('does not exist unless BENCH_ROUTES is on', async () => {
    const { GET } = await loadRoute(undefined);
    const response = await GET(get('?bytes=200'), undefined);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('not_found');
  });

  it('answers a constant JSON body of exactly the requested size when on', async () => {
    const { GET } = await loadRoute('1');
    for (const bytes of [16, 247, 4096]) {
      const response = await GET(get(`?bytes=${bytes}`), undefined);
      expect(response.status).toBe(200);
      const body = await response.text();
      expect(Buffer.byteLength(body)).toBe(bytes);
      expect(JSON.parse(body)).toEqual({ data: 'x'.repeat(bytes - 11) });
    }
  });

  it('rejects a missing, tiny, huge, repeated or extra parameter with the standard error', async () => {
    const { GET } = await loadRoute('1');
    for (const query of ['', '?bytes=3', '?bytes=1000000', '?bytes=abc', '?bytes=100&x=1', '?bytes=100&bytes=200']) {
      const response = await GET(get(query), undefined);
      expect(response.status, query).toBe(400);
      expect((await response.json()).error.code).toBe('invalid_query');
    }
  });
});
