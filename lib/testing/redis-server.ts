import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../core/free-port';
import { redisAnswers } from '../core/redis-probe';

export { freePort };

/**
 * A private redis-server for tests that stop, pause or restart Redis: the shared one on
 * 6379 is never touched. Nothing is persisted, so a restart comes back empty.
 */
export class OwnRedisServer {
  private process: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    /** `--requirepass`, to prove the password in REDIS_URL never leaks. */
    readonly password?: string,
  ) {}

  static async start(options: { password?: string } = {}): Promise<OwnRedisServer> {
    const server = await OwnRedisServer.reserve(options);
    await server.resume();
    return server;
  }

  /** A port and a URL for a server that is not running yet (Redis down at start-up). */
  static async reserve(options: { password?: string } = {}): Promise<OwnRedisServer> {
    return new OwnRedisServer(await freePort(), options.password);
  }

  get url(): string {
    const auth = this.password === undefined ? '' : `:${encodeURIComponent(this.password)}@`;
    return `redis://${auth}127.0.0.1:${this.port}`;
  }

  /** Start (again) on the same port and wait until it answers. */
  async resume(): Promise<void> {
    const auth = this.password === undefined ? [] : ['--requirepass', this.password];
    this.process = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...auth], {
      stdio: 'ignore',
    });
    await waitFor(() => redisAnswers(this.url, 1000), 5000);
  }

  async stop(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }

  /** Freeze the server without closing its sockets: commands hang until `unpause`. */
  pause(): void {
    this.process?.kill('SIGSTOP');
  }

  unpause(): void {
    this.process?.kill('SIGCONT');
  }
}

/**
 * Points the app at `server` before its modules load (lib/core/env.ts reads process.env once),
 * with settings that make each fault cost milliseconds: 200 ms command timeout, circuit
 * open after 3 failures for 500 ms. `extra` adds or overrides settings.
 */
export async function pointAppAt(server: OwnRedisServer, extra: Record<string, string> = {}): Promise<void> {
  Object.assign(process.env, {
    REDIS_URL: server.url,
    REDIS_COMMAND_TIMEOUT_MS: '200',
    REDIS_BREAKER_THRESHOLD: '3',
    REDIS_BREAKER_COOLDOWN_MS: '500',
    ...extra,
  });
  // A static import that reaches lib/core/env.ts would have read the shared Redis's URL already.
  const { env } = await import('../core/env');
  if (env.REDIS_URL !== server.url) throw new Error('lib/core/env.ts was loaded before pointAppAt(): import app modules dynamically, after it');
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
