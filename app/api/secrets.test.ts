import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callApi } from '@/lib/testing/api';
import { OwnRedisServer, pointAppAt, waitFor } from '@/lib/testing/redis-server';

/**
 * The password in REDIS_URL must never reach a response or a log line: our own
 * redis-server with --requirepass, everything the app prints captured, Redis stopped
 * midway so the error paths log too.
 */
const PASSWORD = 'Pa55-never-print-me';
let server: OwnRedisServer;
const printed: string[] = [];
const exposed: string[] = [];

beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      printed.push(args.map((arg) => (arg instanceof Error ? `${arg.stack} ${JSON.stringify(arg)}` : String(arg))).join(' '));
    });
  }
  server = await OwnRedisServer.start({ password: PASSWORD });
  await pointAppAt(server);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await server?.stop();
});

async function expose(call: Parameters<typeof callApi>[0]): Promise<Response> {
  const response = await callApi(call);
  exposed.push(JSON.stringify([...response.headers]), await response.clone().text());
  return response;
}

describe('the Redis password', () => {
  it('is used (the app talks to the password-protected Redis)', async () => {
    expect((await expose({ url: '/api/username/secret' })).headers.get('x-cache')).toBe('MISS');
    expect((await expose({ url: '/api/username/secret' })).headers.get('x-cache')).toBe('HIT');
    expect((await expose({ url: '/api/health' })).status).toBe(200);
  });

  it('appears in no response and no log line, also while Redis is down', async () => {
    await server.stop();
    expect((await expose({ url: '/api/username/secret' })).headers.get('x-cache')).toBe('BYPASS');
    expect((await expose({ url: '/api/health' })).status).toBe(503);
    expect((await expose({ method: 'DELETE', url: '/api/username/secret' })).status).toBe(503);
    await expose({ url: '/api/username/bad%00name' });
    await waitFor(() => printed.some((line) => line.includes('Redis connection problem')), 5000);

    for (const text of [...exposed, ...printed]) expect(text).not.toContain(PASSWORD);
    await server.resume();
  });

  it('is not echoed when REDIS_URL is invalid', async () => {
    vi.resetModules();
    const saved = process.env.REDIS_URL;
    process.env.REDIS_URL = `redis://:${PASSWORD}@127.0.0.1:not-a-port`;
    try {
      const failure = await import('@/lib/core/env').then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toMatch(/REDIS_URL: .*not shown/);
      expect((failure as Error).message).not.toContain(PASSWORD);
    } finally {
      process.env.REDIS_URL = saved;
      vi.resetModules();
    }
  });
});
