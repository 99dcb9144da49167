import 'server-only';
import { spawn, type ChildProcess } from 'node:child_process';
import Redis, { type RedisOptions } from 'ioredis';
import { CacheEngine, type RedisRunner } from '../../cache';
import { CircuitBreaker } from '../../core/circuit';
import { env } from '../../core/env';
import { resilientClient } from '../../core/redis';
import { redisAnswers } from '../../core/redis-probe';
import { freePort } from '../../core/free-port';
import { LabError } from './errors';
import { LatencyProxy } from './latency-proxy';

/** Connection names, so "kill Cache Lab's connections" can find the engine's and spare the lab's own. */
export const ENGINE_CONNECTION = 'cachelab-lab-engine';
const ADMIN_CONNECTION = 'cachelab-lab-admin';

/** Where the lab Redis is: named by LAB_REDIS_URL, or a redis-server this app process started. */
export interface LabWhere {
  /** host:port, never the password. */
  address: string;
  /** This process started it (and may stop and start it). */
  owned: boolean;
}

/** An engine on the lab Redis with its own circuit breaker, so the lab never trips the app's. */
export interface LabEngine {
  engine: CacheEngine;
  breaker: CircuitBreaker;
  client: Redis;
}

/**
 * The Redis the labs may reconfigure, flush, pause and restart. One per app process, created on
 * first use. The admin client (CONFIG, INFO, FLUSHALL, CLIENT …) talks to it directly; the
 * failure lab's engine goes through a latency proxy, the eviction lab's engine does not.
 */
export class LabRedis {
  readonly admin: Redis;
  private engines = new Map<'direct' | 'proxied', LabEngine>();

  private constructor(
    private readonly url: URL,
    private readonly server: OwnedServer | null,
    readonly proxy: LatencyProxy,
  ) {
    // Lab actions may wait for a (re)connecting server; each still gives up after 3 s.
    this.admin = client(url.toString(), ADMIN_CONNECTION, { enableOfflineQueue: true }, 3000);
  }

  static async open(): Promise<LabRedis> {
    const server = env.LAB_REDIS_URL ? null : await OwnedServer.start();
    const url = new URL(env.LAB_REDIS_URL ?? server!.url);
    const proxy = await LatencyProxy.start({ host: url.hostname, port: Number(url.port || 6379) });
    return new LabRedis(url, server, proxy);
  }

  get where(): LabWhere {
    return { address: `${this.url.hostname}:${this.url.port || 6379}`, owned: this.server !== null };
  }

  /** The engine on the lab Redis: `direct` for eviction runs, `proxied` (latency can be added) for the failure lab. */
  engine(path: 'direct' | 'proxied'): LabEngine {
    const existing = this.engines.get(path);
    if (existing) return existing;
    const target = new URL(this.url);
    if (path === 'proxied') {
      target.hostname = '127.0.0.1';
      target.port = String(this.proxy.port);
    }
    const engineClient = client(target.toString(), ENGINE_CONNECTION, {});
    const breaker = new CircuitBreaker({ threshold: env.REDIS_BREAKER_THRESHOLD, cooldownMs: env.REDIS_BREAKER_COOLDOWN_MS });
    const runner: RedisRunner = (work) => breaker.run(() => work(engineClient));
    const made = { engine: new CacheEngine(runner), breaker, client: engineClient };
    this.engines.set(path, made);
    return made;
  }

  /** The engine once its connection is ready (a run should not start with bypasses), or after `timeoutMs` anyway. */
  async readyEngine(path: 'direct' | 'proxied', timeoutMs = 3000): Promise<LabEngine> {
    const made = this.engine(path);
    if (made.client.status === 'ready') return made;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        made.client.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      made.client.once('ready', done);
    });
    return made;
  }

  get running(): boolean {
    return this.server?.running ?? true;
  }

  /** Stop the app-started lab Redis (SIGKILL: nothing is persisted anyway). */
  async stop(): Promise<void> {
    await this.ownedServer().stop();
  }

  async start(): Promise<void> {
    await this.ownedServer().start();
  }

  async close(): Promise<void> {
    for (const { client: engineClient } of this.engines.values()) engineClient.disconnect();
    this.admin.disconnect();
    await this.proxy.close();
    await this.server?.stop();
  }

  private ownedServer(): OwnedServer {
    if (!this.server) throw new LabError(409, 'not_owned', 'The lab Redis comes from LAB_REDIS_URL: Cache Lab did not start it, so it cannot stop or start it.');
    return this.server;
  }
}

function client(url: string, connectionName: string, options: RedisOptions, timeoutMs?: number): Redis {
  const made = resilientClient(url, { ...options, connectionName }, timeoutMs);
  // Connection trouble is what the failure lab is for; the lab's own figures say what happened.
  made.on('error', () => {});
  return made;
}

/** A redis-server from the local binary on a free loopback port, owned by (and stopped with) this process. */
class OwnedServer {
  private child: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<OwnedServer> {
    const server = new OwnedServer(await freePort());
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const failed = new Promise<never>((_, reject) =>
      child.once('error', (error) => reject(new LabError(503, 'no_lab_redis', `Could not start redis-server (${error.message}): install it or set LAB_REDIS_URL.`))),
    );
    this.child = child;
    stopWithProcess(child);
    watchOver(child);
    const answered = (async () => {
      for (let attempt = 0; attempt < 100; attempt += 1) {
        if (await redisAnswers(this.url, 200)) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new LabError(503, 'no_lab_redis', 'The lab redis-server did not answer within 5 s.');
    })();
    await Promise.race([answered, failed]);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * Exit hooks do not run when the app is SIGKILLed (or crashes hard): a watchdog of its own
 * then kills the lab redis-server within a second, so no orphan keeps its port and memory.
 * It ends by itself when the server does.
 */
function watchOver(server: ChildProcess) {
  if (server.pid === undefined) return;
  // Kills only when the app is the one gone: a server that exited first may have passed its pid on.
  const script = 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; kill -0 "$1" 2>/dev/null || kill -9 "$2" 2>/dev/null';
  const watchdog = spawn('sh', ['-c', script, 'cachelab-lab-watchdog', String(process.pid), String(server.pid)], { stdio: 'ignore' });
  watchdog.on('error', () => {});
  watchdog.unref();
}

const OWNED = new Set<ChildProcess>();
let hooked = false;

/**
 * The lab Redis lives and dies with the app: killed on exit, and on SIGINT/SIGTERM when nothing
 * else handles them (`next start` does, and then exits, which runs the exit hook).
 */
function stopWithProcess(child: ChildProcess) {
  OWNED.add(child);
  child.once('exit', () => OWNED.delete(child));
  if (hooked) return;
  hooked = true;
  const killAll = () => OWNED.forEach((owned) => owned.kill('SIGKILL'));
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    if (process.listenerCount(signal) > 0) continue;
    process.once(signal, () => {
      killAll();
      process.kill(process.pid, signal);
    });
  }
}

const LAB = Symbol.for('cachelab.labs.redis');
type Anchored = typeof globalThis & { [LAB]?: Promise<LabRedis> };

/** The lab Redis of this process, opened on first use; a LabError when there is none. */
export function labRedis(): Promise<LabRedis> {
  const anchor = globalThis as Anchored;
  if (!env.LAB_REDIS_URL && !env.LAB_REDIS_SPAWN) {
    return Promise.reject(new LabError(503, 'no_lab_redis', 'No lab Redis: set LAB_REDIS_URL to a Redis the labs may reconfigure, or LAB_REDIS_SPAWN=true with redis-server installed.'));
  }
  anchor[LAB] ??= LabRedis.open().catch((error: unknown) => {
    delete anchor[LAB];
    throw error;
  });
  return anchor[LAB];
}

/** Tests: close the lab Redis (and stop it when this process started it). */
export async function closeLabRedis(): Promise<void> {
  const anchor = globalThis as Anchored;
  const lab = anchor[LAB];
  delete anchor[LAB];
  if (lab) await (await lab.catch(() => null))?.close();
}
