import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { freePort, OwnRedisServer, waitFor } from '../lib/testing/redis-server';

/**
 * A `next start` of the production build with a redis-server of its own, for journeys that
 * stop Redis or need other settings than the shared e2e server. Everything the app prints is
 * kept, so a spec can check what reached the logs.
 */
export interface OwnApp {
  url: string;
  redis: OwnRedisServer;
  output: () => string;
  stop: () => Promise<void>;
}

export async function startOwnApp(options: { password?: string; env?: Record<string, string> } = {}): Promise<OwnApp> {
  const redis = await OwnRedisServer.start({ password: options.password });
  const port = await freePort();
  const printed: string[] = [];
  const server: ChildProcess = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '--port', String(port)], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      REDIS_URL: redis.url,
      CACHE_PREFIX: `cle2e-own-${randomBytes(4).toString('hex')}:`,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [server.stdout, server.stderr]) stream?.on('data', (chunk: Buffer) => printed.push(chunk.toString()));

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await redis.stop();
  };
  try {
    await waitFor(async () => (await fetch(`${url}/api/health`).catch(() => null))?.status === 200, 30_000, 200);
  } catch (error) {
    await stop();
    throw new Error(`the app did not start: ${String(error)}\n${printed.join('')}`);
  }
  return { url, redis, output: () => printed.join(''), stop };
}
