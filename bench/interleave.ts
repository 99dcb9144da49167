/** One way of doing the same thing, measured in turn with the others. */
export interface Contestant {
  name: string;
  run: () => Promise<unknown>;
  /** Set-up and tear-down around each run, outside the clock (switching tracing on and off for one contestant). */
  enter?: () => void;
  leave?: () => void;
}

export interface InterleaveOptions {
  warmup: number;
  blocks: number;
  perBlock: number;
}

/** Samples in microseconds, per contestant, per block. */
export type BlockSamples = Map<string, number[][]>;

/**
 * Runs every contestant once per iteration, rotating who goes first, so drift on a shared
 * machine (other builds, GC, CPU frequency) hits all of them alike and ratios stay fair.
 */
export async function interleave(contestants: readonly Contestant[], options: InterleaveOptions): Promise<BlockSamples> {
  for (let iteration = 0; iteration < options.warmup; iteration += 1) {
    for (const contestant of rotated(contestants, iteration)) {
      contestant.enter?.();
      await contestant.run();
      contestant.leave?.();
    }
  }
  const samples: BlockSamples = new Map(contestants.map((contestant) => [contestant.name, []]));
  for (let block = 0; block < options.blocks; block += 1) {
    const current = new Map(contestants.map((contestant) => [contestant.name, new Array<number>(options.perBlock)]));
    for (let iteration = 0; iteration < options.perBlock; iteration += 1) {
      for (const contestant of rotated(contestants, iteration)) {
        contestant.enter?.();
        const started = performance.now();
        await contestant.run();
        current.get(contestant.name)![iteration] = (performance.now() - started) * 1000;
        contestant.leave?.();
      }
    }
    for (const [name, values] of current) samples.get(name)!.push(values);
  }
  return samples;
}

function rotated<T>(items: readonly T[], offset: number): T[] {
  const start = offset % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}
