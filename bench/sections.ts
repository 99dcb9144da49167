import Redis from 'ioredis';
import { flushMetrics } from '../lib/cache';
import { getRedis } from '../lib/core/redis';
import { removeUnder } from '../lib/testing/redis';
import { measureDashboard } from './dashboard';
import { measureHitPath } from './hit-path';
import { measureHttp } from './http';
import { describeMachine, machineLine } from './machine';
import type { BenchOptions } from './options';
import { evaluateTargets, type BenchResults } from './report';
import { ensureBuild, startServer } from './server';
import { measureSpeedups } from './speedup';
import { measureStampede } from './stampede';
import { measureTracing } from './tracing';

/**
 * Every selected section, in an order that keeps them from disturbing each other: the
 * in-process ones first, then the server's, the 100,000-key dashboard seeding last.
 * Everything the run wrote under its prefix is removed at the end, whatever happens.
 */
export async function runBench(options: BenchOptions, prefix: string, serverEnv: NodeJS.ProcessEnv): Promise<BenchResults> {
  const redis = new Redis(options.redisUrl);
  const selected = (...sections: number[]) => sections.some((section) => options.only.has(section));
  try {
    const machine = await describeMachine(redis);
    progress(machineLine(machine));
    const results: Omit<BenchResults, 'targets'> = { machine };
    if (selected(3, 5, 6)) results.build = ensureBuild(options.build);

    if (selected(1, 2)) {
      progress(`1–2 hit path: ${(options.hitPath.blocks * options.hitPath.perBlock).toLocaleString('en-US')} interleaved iterations…`);
      results.hitPath = await measureHitPath(options, prefix, redis, selected(2));
    }
    if (selected(7)) {
      progress(`7 tracing: ${(options.hitPath.blocks * options.hitPath.perBlock).toLocaleString('en-US')} interleaved iterations per pass, off then on…`);
      results.tracing = await measureTracing(options);
    }
    if (selected(4)) {
      progress(`4 stampede: ${options.stampede.requests} concurrent requests per strategy…`);
      results.stampede = await measureStampede(options, prefix);
    }
    if (selected(3, 5, 6)) {
      progress(`starting next start on port ${options.port}…`);
      const server = await startServer(options.port, serverEnv);
      try {
        if (selected(3)) {
          progress(`3 HTTP: ${options.http.rounds} rounds × ${options.http.seconds} s per route…`);
          results.http = await measureHttp(options, server.origin, redis, prefix);
        }
        if (selected(6)) {
          progress('6 miss vs hit per scenario (misses take each scenario’s configured delay)…');
          results.speedups = await measureSpeedups(options, server.origin, redis, prefix);
        }
        if (selected(5)) {
          progress(`5 dashboard cost with ${options.dashboard.keyCounts.join(' and ')} keys…`);
          results.dashboard = await measureDashboard(options, server.origin, redis, prefix);
        }
      } finally {
        await server.stop();
      }
    }
    return { ...results, targets: evaluateTargets(results) };
  } finally {
    await flushMetrics();
    await removeUnder(redis, prefix);
    redis.disconnect();
    (await getRedis()).client.disconnect();
  }
}

const progress = (message: string) => console.error(`[bench] ${message}`);
