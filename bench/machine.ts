import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type Redis from 'ioredis';

/** Printed with every run: figures mean little without the machine they came from. */
export interface Machine {
  date: string;
  cores: number;
  cpu: string;
  memoryGiB: number;
  /** 1-minute load average at the start: above the core count, other work competed. */
  loadAverage: number;
  node: string;
  redis: string;
  next: string;
  commit: string;
}

export async function describeMachine(redis: Redis): Promise<Machine> {
  const info = await redis.info('server');
  return {
    date: new Date().toISOString(),
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
    node: process.version,
    redis: /redis_version:([^\r\n]+)/.exec(info)?.[1] ?? 'unknown',
    next: packageVersion('next'),
    commit: gitCommit(),
  };
}

export function machineLine(machine: Machine): string {
  return (
    `${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, load ${machine.loadAverage} · ` +
    `Node ${machine.node} · Redis ${machine.redis} (loopback) · Next ${machine.next} · ${machine.commit} · ${machine.date}`
  );
}

export function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${commit}+changes` : commit;
  } catch {
    return 'not a git checkout';
  }
}
