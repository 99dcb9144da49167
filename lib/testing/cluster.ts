import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { redisAnswers } from '../core/redis-probe';
import { freePort, waitFor } from './redis-server';

const run = promisify(execFile);

interface Node {
  port: number;
  process: ChildProcess;
}

const isRunning = (node: Node) => node.process.exitCode === null && node.process.signalCode === null;

/**
 * A private Redis Cluster for tests: `masters` × (1 + `replicas`) redis-servers with
 * `--cluster-enabled yes` on free ports, joined by `redis-cli --cluster create`. Nothing is
 * persisted (its node files live in a temporary directory, removed by `stop`); every process
 * is stopped by its pid. The shared Redis on 6379 is never touched.
 */
export class OwnRedisCluster {
  private constructor(
    private readonly nodes: Node[],
    private readonly dir: string,
  ) {}

  static async start(options: { masters?: number; replicas?: number; nodeTimeoutMs?: number } = {}): Promise<OwnRedisCluster> {
    const { masters = 3, replicas = 0, nodeTimeoutMs = 1000 } = options;
    const dir = mkdtempSync(path.join(tmpdir(), 'cachelab-cluster-'));
    const nodes: Node[] = [];
    const cluster = new OwnRedisCluster(nodes, dir);
    try {
      for (let index = 0; index < masters * (1 + replicas); index += 1) {
        const port = await freePort();
        const child = spawn(
          'redis-server',
          ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`,
            '--cluster-node-timeout', String(nodeTimeoutMs), '--dir', dir, '--save', '', '--appendonly', 'no'],
          { stdio: 'ignore' },
        );
        nodes.push({ port, process: child });
      }
      for (const node of nodes) await waitFor(() => redisAnswers(`redis://127.0.0.1:${node.port}`, 1000), 10_000);
      await run('redis-cli', ['--cluster', 'create', ...nodes.map((node) => `127.0.0.1:${node.port}`), '--cluster-replicas', String(replicas), '--cluster-yes']);
      await cluster.waitUntilHealthy(masters, replicas);
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  /** `host:port,…` of every node started, for REDIS_CLUSTER_NODES. */
  get seeds(): string {
    return this.nodes.map((node) => `127.0.0.1:${node.port}`).join(',');
  }

  get ports(): number[] {
    return this.nodes.map((node) => node.port);
  }

  /** Ports of the masters now (after a failover, the promoted replicas). */
  async masterPorts(): Promise<number[]> {
    const alive = this.nodes.find(isRunning);
    if (!alive) return [];
    const text = await this.command(alive.port, 'CLUSTER', 'NODES');
    return text
      .split('\n')
      .filter((line) => /\bmaster\b/.test(line) && !/\bfail\b/.test(line) && line.includes('127.0.0.1:'))
      .map((line) => Number(/127\.0\.0\.1:(\d+)/.exec(line)?.[1]))
      .sort((a, b) => a - b);
  }

  /** Kills one node (SIGKILL, as a crash would): a master's replica takes over after the node timeout. */
  async kill(port: number): Promise<void> {
    const node = this.nodes.find((candidate) => candidate.port === port);
    if (!node || !isRunning(node)) return;
    const exited = new Promise<void>((resolve) => node.process.once('exit', () => resolve()));
    node.process.kill('SIGKILL');
    await exited;
  }

  /** Every live node says `cluster_state:ok` with all slots served, and (with replicas) every replica's link is up. */
  async waitUntilHealthy(masters: number, replicas = 0, timeoutMs = 30_000): Promise<void> {
    await waitFor(async () => {
      const live = this.nodes.filter(isRunning);
      for (const node of live) {
        const info = await this.command(node.port, 'CLUSTER', 'INFO').catch(() => '');
        if (!info.includes('cluster_state:ok') || !info.includes('cluster_slots_ok:16384')) return false;
      }
      return (await this.masterPorts()).length === masters && (replicas === 0 || (await this.replicasUp(live)) >= masters * replicas);
    }, timeoutMs, 200);
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => this.kill(node.port)));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async replicasUp(live: Node[]): Promise<number> {
    let up = 0;
    for (const node of live) {
      const info = await this.command(node.port, 'INFO', 'replication').catch(() => '');
      if (info.includes('role:slave') && info.includes('master_link_status:up')) up += 1;
    }
    return up;
  }

  private async command(port: number, ...args: string[]): Promise<string> {
    const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    try {
      await client.connect();
      return String(await client.call(args[0]!, ...args.slice(1)));
    } finally {
      client.disconnect();
    }
  }
}
