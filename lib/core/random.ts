import 'server-only';

/**
 * mulberry32: a tiny, fast, well-distributed seeded generator, uniform on [0, 1). The same seed
 * gives the same sequence: the demo data sets, and the simulator's input sequence (a comparison
 * replays exactly the traffic of the run it compares with).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}
