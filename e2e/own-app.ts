import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { test } from '@playwright/test';
import { OwnRedisCluster } from '../lib/testing/cluster';
import { freePort, OwnRedisServer, waitFor } from '../lib/testing/redis-server';

/**
 * A `next start` of the production build with settings of its own (its own Redis, a cluster, no
 * Redis at all, a second instance), for journeys the shared e2e server cannot make. Everything
 * the app prints is kept, so a spec can check what reached the logs.
 */
export interface NextApp {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
  /** SIGKILL, as a crash or an OOM killer would: no exit hook runs. */
  kill: () => Promise<void>;
}

export interface OwnApp extends NextApp {
  redis: OwnRedisServer;
}

/** How long a stopped app may take to close its connections before it is killed. */
const STOP_GRACE_MS = 10_000;

/** A fresh key prefix, for apps that must share one (several instances on one Redis). */
export const ownPrefix = () => `cle2e-own-${randomBytes(4).toString('hex')}:`;

/** `degraded`: the app is expected to start degraded (health answers 503), e.g. on a misconfigured Redis. */
export async function startNextApp(env: Record<string, string>, { degraded = false } = {}): Promise<NextApp> {
  const port = await freePort();
  const printed: string[] = [];
  const server: ChildProcess = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '--port', String(port)], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', CACHE_PREFIX: ownPrefix(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [server.stdout, server.stderr]) stream?.on('data', (chunk: Buffer) => printed.push(chunk.toString()));

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    // A graceful stop waits for open connections (a page's event stream); a test's app must not outlive its hook.
    const killer = setTimeout(() => server.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(killer);
  };
  try {
    const started = degraded ? [200, 503] : [200];
    await waitFor(async () => started.includes((await fetch(`${url}/api/health`).catch(() => null))?.status ?? 0), 30_000, 200);
  } catch (error) {
    await stop();
    throw new Error(`the app did not start: ${String(error)}\n${printed.join('')}`);
  }
  const kill = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGKILL');
    await exited;
  };
  return { url, output: () => printed.join(''), stop, kill };
}

export async function startOwnApp(options: { password?: string; env?: Record<string, string> } = {}): Promise<OwnApp> {
  const redis = await OwnRedisServer.start({ password: options.password });
  try {
    const app = await startNextApp({ REDIS_URL: redis.url, ...options.env });
    const stop = async () => {
      await app.stop();
      await redis.stop();
    };
    return { ...app, redis, stop };
  } catch (error) {
    await redis.stop();
    throw error;
  }
}

/**
 * Two `next start` instances on a Redis of the spec's own (a standalone server, or a 3-master
 * cluster), sharing a key prefix: started before the spec's tests, stopped after them. `each`
 * adds an instance's own settings (its name, say). The apps are read through the accessor.
 */
export function twoInstancesOnOwnRedis(topology: 'standalone' | 'cluster', env: Record<string, string>, each: (index: 0 | 1) => Record<string, string> = () => ({})): () => [NextApp, NextApp] {
  let redis: { stop: () => Promise<void> } | undefined;
  let apps: [NextApp, NextApp] | undefined;
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    const shared: Record<string, string> = { ...env, CACHE_PREFIX: ownPrefix() };
    if (topology === 'cluster') {
      const cluster = await OwnRedisCluster.start({ masters: 3 });
      redis = cluster;
      Object.assign(shared, { REDIS_URL: '', REDIS_CLUSTER_NODES: cluster.seeds });
    } else {
      const server = await OwnRedisServer.start();
      redis = server;
      shared.REDIS_URL = server.url;
    }
    apps = [await startNextApp({ ...shared, ...each(0) }), await startNextApp({ ...shared, ...each(1) })];
  });
  test.afterAll(async () => {
    await Promise.all((apps ?? []).map((app) => app.stop()));
    await redis?.stop();
  });
  return () => {
    if (!apps) throw new Error('the two instances have not started');
    return apps;
  };
}
