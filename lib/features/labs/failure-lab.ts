import 'server-only';
import { tracedRun } from '../../cache/tracing';
import type Redis from 'ioredis';
import { env } from '../../core/env';
import { parseInfo } from '../../core/redis-info';
import { claimLab, currentActivity } from './activity';
import { LabError } from './errors';
import { ENGINE_CONNECTION, labRedis, type LabRedis } from './lab-redis';
import { FailureTraffic } from './traffic';
import type { FaultRequest } from './fault-request';
import type { FailureSnapshot, FaultAction, FaultRecord, TrafficConfig } from './types';
import { processWide } from '../../core/process-wide';

/** A fault or its undoing (validated at the edge, see fault-request.ts). */
type FaultCommand = Exclude<FaultRequest, { action: 'start-traffic' | 'stop-traffic' }>;

/** Filler values written by "fill memory": big, so the limit is reached in a few hundred writes. */
const FILLER_BYTES = 64 * 1024;
const FILLER_PREFIX = 'cachelab-lab-filler:';

interface Logged {
  action: FaultAction;
  detail: string;
  at: number;
  endedAt: number | null;
}

/**
 * The failure lab of this process: its traffic (one at a time, and never beside an eviction run)
 * and the faults applied to the lab Redis, each with when it ended and when the app recovered.
 */
class FailureLab {
  traffic: FailureTraffic | null = null;
  private readonly log: Logged[] = [];

  /** One POST /api/labs/faults, traced as one span `failure-lab.<action>` with its parameters. */
  handle(request: FaultRequest): Promise<void> {
    return tracedRun(`failure-lab.${request.action}`, request, () => this.perform(request), { quiet: false });
  }

  private async perform(request: FaultRequest): Promise<void> {
    if (request.action === 'start-traffic') {
      const { rps, users, inputs, s, durationSeconds, seed } = request;
      await this.startTraffic({ rps, users, inputs, s, durationSeconds, seed: seed ?? Math.floor(Math.random() * 0xffff_ffff) });
    } else if (request.action === 'stop-traffic') {
      await this.stopTraffic();
    } else {
      await this.apply(request);
    }
  }

  async startTraffic(config: TrafficConfig): Promise<FailureTraffic> {
    const lab = await labRedis();
    const engine = await lab.readyEngine('proxied');
    const traffic = claimLab(() => new FailureTraffic(config, engine)) as FailureTraffic;
    this.traffic = traffic;
    this.log.length = 0;
    return traffic;
  }

  async stopTraffic(): Promise<void> {
    this.traffic?.cancel();
    await this.traffic?.finished;
  }

  async apply(command: FaultCommand): Promise<void> {
    const lab = await labRedis();
    const busy = currentActivity();
    if (busy?.kind === 'eviction') throw new LabError(409, 'lab_busy', `Eviction run ${busy.id} is using the lab Redis: wait for it or cancel it first.`);
    const now = Date.now();
    const detail = await act(lab, command);
    // A fault that ends another (start ends stop, a new latency ends the old one, reset ends all).
    for (const entry of this.log) if (entry.endedAt === null && ends(command, entry)) entry.endedAt = now;
    const instant = command.action === 'kill-connections';
    const endedAt = instant ? now : command.action === 'pause' ? now + command.seconds * 1000 : null;
    if (command.action !== 'start' && command.action !== 'reset' && !(command.action === 'latency' && command.ms === 0)) {
      this.log.push({ action: command.action, detail, at: now, endedAt });
    }
  }

  async snapshot(): Promise<FailureSnapshot> {
    const lab = await labRedis();
    return {
      traffic: this.traffic?.snapshot() ?? null,
      faults: this.log.map((entry) => this.record(entry)),
      latencyMs: lab.proxy.delayMs,
      running: lab.running,
      owned: lab.where.owned,
    };
  }

  /** The fault, and the first answer from Redis after the outage it caused (if traffic saw one). */
  private record(entry: Logged): FaultRecord {
    const traffic = this.traffic;
    const since = (at: number | null) => (at === null || !traffic ? null : traffic.sinceStart(at));
    const atMs = since(entry.at);
    const endedMs = since(entry.endedAt !== null && entry.endedAt <= Date.now() ? entry.endedAt : null);
    const next = this.log[this.log.indexOf(entry) + 1];
    const before = next ? since(next.at) : null;
    // The outage this fault caused: it began after the fault and before the next one.
    const outage = atMs === null ? undefined : traffic?.outageList.find((candidate) => candidate.startMs >= atMs && (before === null || candidate.startMs < before));
    const recoveredMs = outage?.endMs ?? null;
    const recoveryMs = recoveredMs !== null && endedMs !== null ? Math.max(0, recoveredMs - endedMs) : null;
    return { action: entry.action, detail: entry.detail, atMs, endedMs, recoveredMs, recoveryMs };
  }
}

function ends(command: FaultCommand, entry: Logged): boolean {
  if (command.action === 'reset') return true;
  if (command.action === 'start') return entry.action === 'stop';
  if (command.action === 'latency') return entry.action === 'latency';
  return false;
}

/** Does one fault to the lab Redis; says what was done. */
async function act(lab: LabRedis, command: FaultCommand): Promise<string> {
  const { admin } = lab;
  switch (command.action) {
    case 'pause':
      // ALL: reads too. The lab's own admin connection can still UNPAUSE (reset).
      await admin.call('CLIENT', 'PAUSE', String(command.seconds * 1000), 'ALL');
      return `paused for ${command.seconds} s (CLIENT PAUSE ${command.seconds * 1000} ALL)`;
    case 'kill-connections':
      return `closed ${await killEngineConnections(admin)} Cache Lab connection(s) (CLIENT KILL ID)`;
    case 'stop':
      await lab.stop();
      return 'lab Redis stopped (SIGKILL: it comes back empty)';
    case 'start':
      await lab.start();
      return 'lab Redis started';
    case 'latency':
      lab.proxy.setDelay(command.ms);
      return `+${command.ms} ms before every command (latency proxy)`;
    case 'fill-memory':
      return fillMemory(admin);
    case 'reset':
      await reset(lab);
      return 'everything undone';
  }
}

async function killEngineConnections(admin: Redis): Promise<number> {
  const list = String(await admin.call('CLIENT', 'LIST', 'TYPE', 'normal'));
  const ids = list
    .split('\n')
    .filter((line) => line.includes(` name=${ENGINE_CONNECTION} `))
    .map((line) => /(?:^|\s)id=(\d+)/.exec(line)?.[1])
    .filter((id): id is string => id !== undefined);
  for (const id of ids) await admin.call('CLIENT', 'KILL', 'ID', id);
  return ids.length;
}

/**
 * noeviction, maxmemory a little above what is used now, then filler values until Redis answers
 * OOM: from then on every new cache entry is refused, and the engine answers by computing.
 */
async function fillMemory(admin: Redis): Promise<string> {
  const used = Number(parseInfo(await admin.info('memory')).get('used_memory') ?? 0);
  const limit = used + env.LAB_FILL_MB * 1_048_576;
  await admin.config('SET', 'maxmemory-policy', 'noeviction');
  await admin.config('SET', 'maxmemory', String(limit));
  const filler = 'f'.repeat(FILLER_BYTES);
  const most = Math.ceil((env.LAB_FILL_MB * 1_048_576) / FILLER_BYTES) * 2;
  for (let index = 0; index < most; index += 1) {
    try {
      await admin.set(`${FILLER_PREFIX}${index}`, filler);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('OOM')) return `memory full at ${(limit / 1_048_576).toFixed(1)} MB under noeviction (${index} filler values)`;
      throw error;
    }
  }
  throw new LabError(500, 'fill_failed', `Wrote ${most} filler values and Redis still accepted more: is maxmemory being changed by someone else?`);
}

/** Undo every fault: unpause, no latency, no memory limit, fillers deleted, Redis running. */
async function reset(lab: LabRedis): Promise<void> {
  lab.proxy.setDelay(0);
  if (!lab.running) await lab.start();
  await lab.admin.call('CLIENT', 'UNPAUSE');
  await lab.admin.config('SET', 'maxmemory', '0');
  let cursor = '0';
  do {
    const [next, keys] = await lab.admin.scan(cursor, 'MATCH', `${FILLER_PREFIX}*`, 'COUNT', 1000);
    if (keys.length > 0) await lab.admin.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

export const failureLab = processWide('labs.failureLab', () => new FailureLab());
