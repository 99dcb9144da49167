/**
 * `node bench/hit-probe.mjs <mode> <hits> [flag]`: what one hit of one path costs, alone, in
 * measures that do not depend on the machine's load — promises, timers and immediates created per
 * hit (`--hooks`), bytes allocated per hit (`--heap`, `--alloc`), CPU per hit and where it goes
 * (`--repeat`, `--profile`) — and two paths alternated hit by hit (`--against=<mode>`: p50s and
 * deciles, which show the round trip's two modes). Modes and flags: bench/README.md. Diagnostic
 * only: the figures that are quoted come from `npm run bench`.
 */
import { createHook } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import v8 from 'node:v8';

interface CpuProfile {
  nodes: { id: number; callFrame: AllocNode['callFrame'] & { columnNumber: number } }[];
  samples: number[];
}

interface AllocNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: AllocNode[];
}

async function main() {
  const [mode = 'engine', hitsText = '10000', ...flags] = process.argv.slice(2);
  const hits = Number(hitsText);
  Object.assign(process.env, {
    REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/11',
    CACHE_PREFIX: `probe-${randomBytes(4).toString('hex')}:`,
    USERNAME_DELAY_MS: '1',
  });
  (await import('../lib/server/wiring')).wireFeatures();
  const { runScenario } = await import('../lib/scenarios/scenario');
  const { usernameScenario } = await import('../lib/scenarios/username');
  const { cacheKey } = await import('../lib/cache/keys');
  const { getRedis } = await import('../lib/core/redis');
  const { default: Redis } = await import('ioredis');
  const input = { username: 'probe-hit' };
  const near = { strategy: 'near' } as const;
  const redis = (await getRedis()).client;
  const bare = new Redis(process.env.REDIS_URL!);
  const key = cacheKey(usernameScenario.keyOf(input));

  const runs: Record<string, () => Promise<unknown>> = {
    engine: async () => {
      if ((await runScenario(usernameScenario, input)).status !== 'hit') throw new Error('not a hit');
    },
    near: async () => {
      const status = (await runScenario(usernameScenario, input, near)).status;
      if (status !== 'near-hit' && status !== 'hit') throw new Error(`not a hit: ${status}`);
    },
    get: async () => {
      if ((await bare.get(key)) === null) throw new Error('not there');
    },
  };
  // `*-fake`: the same hits with Redis' reply already there (a resolved promise of the stored bytes), so
  // what is left is the JavaScript of each path alone, free of the round trip and its scheduling.
  await runScenario(usernameScenario, input);
  const stored = await redis.get(key);
  const fake = new Proxy(redis, { get: (target, name) => (name === 'get' ? () => Promise.resolve(stored) : Reflect.get(target, name)) });
  runs['engine-fake'] = async () => {
    const handle = await getRedis();
    handle.client = fake as typeof redis;
    runs['engine-fake'] = runs.engine!;
    return runs.engine!();
  };
  runs['get-fake'] = async () => {
    if ((await fake.get(key)) === null) throw new Error('not there');
  };
  runs['get-process'] = async () => {
    if ((await redis.get(key)) === null) throw new Error('not there');
  };
  const run = (...args: []) => runs[mode]!(...args);
  if (!runs[mode]) throw new Error(`mode: ${Object.keys(runs).join(' | ')}`);
  if (!run) throw new Error(`mode: ${Object.keys(runs).join(' | ')}`);
  for (let index = 0; index < 3000; index += 1) await run();

  const against = flags.find((flag) => flag.startsWith('--against='))?.slice('--against='.length);
  if (against) {
    // p50 of `mode` and of `against`, alternated hit by hit (the bench's method, two contestants).
    const other = runs[against]!;
    const times: [number[], number[]] = [[], []];
    for (let index = 0; index < hits; index += 1) {
      for (const slot of (index % 2 === 0 ? [0, 1] : [1, 0]) as (0 | 1)[]) {
        const started = performance.now();
        await (slot === 0 ? run() : other());
        times[slot].push((performance.now() - started) * 1000);
      }
    }
    const p50 = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const [mine, theirs] = [p50(times[0]), p50(times[1])];
    const deciles = (values: number[]) => [1, 2, 3, 4, 5, 6, 7, 8, 9].map((tenth) => values[Math.floor((values.length * tenth) / 10)]!.toFixed(1)).join(' ');
    console.log(`${mode} p50 ${mine.toFixed(1)} µs, ${against} p50 ${theirs.toFixed(1)} µs: ${(mine / theirs).toFixed(3)}×`);
    console.log(`  deciles ${mode}: ${deciles(times[0])}`);
    console.log(`  deciles ${against}: ${deciles(times[1])}`);
  } else if (flags.includes('--profile')) {
    // Where the CPU goes in the steady state (start-up left out): self time per function.
    const { Session } = await import('node:inspector/promises');
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 20 });
    await session.post('Profiler.start');
    for (let index = 0; index < hits; index += 1) await run();
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const self = new Map<string, number>();
    for (const id of profile.samples) {
      const { callFrame } = byId.get(id)!;
      const frame = `${callFrame.functionName || '(anon)'} ${callFrame.url.split('/').slice(-2).join('/')}:${callFrame.lineNumber + 1}:${callFrame.columnNumber + 1}`;
      self.set(frame, (self.get(frame) ?? 0) + 1);
    }
    for (const [frame, count] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${((100 * count) / profile.samples.length).toFixed(1).padStart(5)}%  ${frame}`);
  } else if (flags.includes('--alloc')) {
    // Where the bytes go: V8's sampling heap profiler, counting objects a scavenge already collected too.
    const { Session } = await import('node:inspector/promises');
    const session = new Session();
    session.connect();
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', { samplingInterval: 64, includeObjectsCollectedByMinorGC: true, includeObjectsCollectedByMajorGC: true } as never);
    for (let index = 0; index < hits; index += 1) await run();
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: AllocNode } };
    const bySite = new Map<string, number>();
    const walk = (node: AllocNode) => {
      const frame = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber + 1}`;
      if (node.selfSize > 0) bySite.set(frame, (bySite.get(frame) ?? 0) + node.selfSize);
      for (const child of node.children) walk(child);
    };
    walk(profile.head);
    const total = [...bySite.values()].reduce((sum, bytes) => sum + bytes, 0);
    console.log(mode, `sampled bytes per hit: ${Math.round(total / hits)}`);
    for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${String(Math.round(bytes / hits)).padStart(6)}  ${site}`);
  } else if (flags.includes('--hooks')) {
    const created = new Map<string, number>();
    const hook = createHook({ init: (_id, type) => void created.set(type, (created.get(type) ?? 0) + 1) });
    hook.enable();
    for (let index = 0; index < hits; index += 1) await run();
    hook.disable();
    console.log(mode, 'created per hit:', Object.fromEntries([...created].map(([type, count]) => [type, +(count / hits).toFixed(3)])));
  } else if (flags.includes('--heap')) {
    const young = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')!.space_used_size;
    const perHit: number[] = [];
    for (let round = 0; round < 20; round += 1) {
      const before = young();
      for (let index = 0; index < 200; index += 1) await run();
      const after = young();
      // A scavenge inside the window makes the difference negative or small: keep the clean windows only.
      if (after > before) perHit.push((after - before) / 200);
    }
    perHit.sort((a, b) => a - b);
    console.log(mode, `bytes allocated per hit (median of ${perHit.length} clean windows):`, Math.round(perHit[Math.floor(perHit.length / 2)] ?? Number.NaN));
  } else if (flags.includes('--repeat')) {
    // Best of 7: the least disturbed repeat of the loop on a shared machine.
    const best = { wall: Infinity, cpu: Infinity };
    for (let repeat = 0; repeat < 7; repeat += 1) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let index = 0; index < hits; index += 1) await run();
      const wall = ((performance.now() - started) * 1000) / hits;
      const used = process.cpuUsage(cpu);
      best.wall = Math.min(best.wall, wall);
      best.cpu = Math.min(best.cpu, (used.user + used.system) / hits);
    }
    console.log(mode, `best of 7 × ${hits} hits: ${best.wall.toFixed(3)} µs wall, ${best.cpu.toFixed(3)} µs CPU per hit`);
  } else {
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let index = 0; index < hits; index += 1) await run();
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    console.log(mode, `${hits} hits: ${((wall * 1000) / hits).toFixed(2)} µs wall, ${((used.user + used.system) / hits).toFixed(2)} µs CPU per hit`);
  }
  bare.disconnect();
  redis.disconnect();
  process.exit(0);
}

void main();
