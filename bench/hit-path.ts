import type Redis from 'ioredis';
import { flushMetrics } from '../lib/cache';
import { hitContestants, type HitContestant, type Role } from './hit-contestants';
import { interleave } from './interleave';
import { measureInvalidation, type InvalidationResult } from './invalidation';
import type { BenchOptions } from './options';
import { ratioOf, summarise, type Ratio } from './stats';

export interface HitRow {
  name: string;
  role: Role;
  what: string;
  p50Us: number;
  p99Us: number;
  /** p50 over the bare GET's p50, per block. */
  vsGet: Ratio;
  /** Commands Redis received per hit (MONITOR on the bench DB); script-internal ones apart. */
  commands: { sent: number; inScript: number };
  misses: number;
}

export interface HitPathResult {
  iterations: number;
  blocks: number;
  rows: HitRow[];
  /** Another instance's delete reaching this one's L1, ours and the near peer's (section 2 only). */
  invalidation?: InvalidationResult;
}

/** Sections 1 and 2: every contestant in one interleaved run, against one Redis. */
export async function measureHitPath(options: BenchOptions, prefix: string, monitorClient: Redis, withPeers: boolean): Promise<HitPathResult> {
  const all = await hitContestants(options.redisUrl, prefix);
  const contestants = all.filter((contestant) => withPeers || (contestant.role !== 'peer' && contestant.role !== 'peer-near'));
  try {
    const commands = new Map<string, HitRow['commands']>();
    for (const contestant of contestants) commands.set(contestant.name, await commandsPerRun(monitorClient, contestant, 100));

    const samples = await interleave(contestants, options.hitPath);
    const getBlocks = samples.get(BARE_GET) ?? [];
    const rows = contestants.map((contestant): HitRow => {
      const blocks = samples.get(contestant.name) ?? [];
      const overall = summarise(blocks.flat());
      return {
        name: contestant.name,
        role: contestant.role,
        what: contestant.what,
        p50Us: overall.p50,
        p99Us: overall.p99,
        vsGet: ratioOf(blocks.map((block, index) => summarise(block).p50 / summarise(getBlocks[index] ?? []).p50)),
        commands: commands.get(contestant.name) ?? { sent: Number.NaN, inScript: Number.NaN },
        misses: contestant.misses(),
      };
    });
    const invalidation = withPeers ? await measureInvalidation(options, prefix) : undefined;
    return { iterations: options.hitPath.blocks * options.hitPath.perBlock, blocks: options.hitPath.blocks, rows, invalidation };
  } finally {
    for (const contestant of all) await contestant.close();
  }
}

const BARE_GET = 'bare GET (the limit)';

/**
 * Counts what Redis receives for `runs` hits of one contestant, alone, through MONITOR
 * filtered to the bench DB (the shared server's other traffic is elsewhere). Batched
 * metric writes are flushed inside the window, so they are counted, amortised. MONITOR on
 * a busy shared server can fail (a flood of lines racing its reply): the figure is then
 * left out, the rest of the run goes on.
 */
async function commandsPerRun(client: Redis, contestant: HitContestant, runs: number): Promise<HitRow['commands']> {
  await flushMetrics();
  const database = String(client.options.db ?? 0);
  let monitor: Redis | null = null;
  try {
    monitor = await client.monitor();
    monitor.on('error', () => {});
    let sent = 0;
    let inScript = 0;
    monitor.on('monitor', (_time: string, _args: string[], source: string, db: string) => {
      if (db !== database) return;
      if (source === 'lua') inScript += 1;
      else sent += 1;
    });
    await settle();
    for (let run = 0; run < runs; run += 1) await contestant.run();
    await flushMetrics();
    await settle();
    return { sent: sent / runs, inScript: inScript / runs };
  } catch {
    return { sent: Number.NaN, inScript: Number.NaN };
  } finally {
    monitor?.disconnect();
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
