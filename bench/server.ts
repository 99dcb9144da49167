import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { build, NEXT_BIN as NEXT, staleReason } from '../scripts/build-stamp.mjs';

/** The baseline route must be in the build being measured (a build from before it was added lacks it). */
const BASELINE_IN_BUILD = '.next/server/app/api/bench/baseline';

export interface BuildInfo {
  id: string;
  builtNow: boolean;
}

/** `next build` when there is no production build, when it is not of the sources on disk, or when asked. */
export function ensureBuild(force: boolean): BuildInfo {
  const reason = force ? 'rebuilding as asked' : whyRebuild();
  if (reason) {
    console.error(`[bench] ${reason}: running \`next build\` (a minute or two)…`);
    // stdout carries the report: the build talks on stderr.
    if (build('.', { stdio: ['ignore', 2, 2] }) !== 0) throw new Error('next build failed; the HTTP sections need a production build');
  }
  return { id: readFileSync('.next/BUILD_ID', 'utf8').trim(), builtNow: reason !== null };
}

function whyRebuild(): string | null {
  const stale = staleReason('.');
  if (stale) return stale;
  return existsSync(BASELINE_IN_BUILD) ? null : 'the production build predates the baseline route';
}

export interface RunningServer {
  origin: string;
  stop: () => Promise<void>;
}

/** `next start` of the production build on loopback, with exactly this environment; resolves once /api/health answers. */
export async function startServer(port: number, env: NodeJS.ProcessEnv): Promise<RunningServer> {
  if (await portTaken(port)) throw new Error(`port ${port} is taken; set BENCH_PORT to a free one`);
  const child = spawn(process.execPath, [NEXT, 'start', '--port', String(port), '--hostname', '127.0.0.1'], {
    env: { NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean).slice(-20));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitUntilHealthy(origin, child, 60_000);
  } catch (error) {
    await stop(child);
    throw new Error(`${(error as Error).message}\n--- next start said ---\n${output.slice(-20).join('\n')}`);
  }
  return { origin, stop: () => stop(child) };
}

async function waitUntilHealthy(origin: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${origin}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`next start did not answer /api/health within ${timeoutMs / 1000} s`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
