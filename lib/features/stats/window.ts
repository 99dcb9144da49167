import 'server-only';
import { PERCENTILE_SLOT_SECONDS } from '../../cache/recorder';
import type { StatsWindow } from '../../contracts/dashboard';

/** Bin sizes a chart may use; each a multiple of the percentile slot once past 1 s. */
const LARGEST_STEP = 900;
const STEPS = [1, 5, 15, 30, 60, 300, LARGEST_STEP] as const;
/**
 * A second is counted in full once it is over and the recorder has flushed it (every 250 ms,
 * later under load): one more second of grace keeps the newest bin from reading half empty.
 */
const FLUSH_GRACE_MS = 1000;
/** Enough points for a smooth line, few enough to redraw every second. */
const MAX_BINS = 120;

export interface WindowPlan extends StatsWindow {
  /** Start of each complete throughput bin / percentile bin, oldest first. */
  bins: number[];
  percentileBins: number[];
  /** Minute numbers whose series hashes hold the window. */
  minutes: number[];
}

/**
 * Lays a window of `seconds` over epoch-aligned bins, so bins do not shift between polls.
 * Throughput bins are complete ones only (a rate over a half-counted bin would dip at the
 * chart's right edge); percentile bins may end in the bin still filling, as a percentile
 * or a histogram of fewer samples is still true.
 */
export function planWindow(seconds: number, nowMs: number): WindowPlan {
  const step: number = STEPS.find((candidate) => Math.ceil(seconds / candidate) <= MAX_BINS) ?? LARGEST_STEP;
  const percentileStep = Math.max(step, PERCENTILE_SLOT_SECONDS);
  const lastComplete = Math.floor((nowMs - FLUSH_GRACE_MS) / 1000) - 1;
  const bins = alignedBins(seconds, step, Math.floor((lastComplete + 1) / step) * step - step);
  const percentileBins = alignedBins(seconds, percentileStep, Math.floor(lastComplete / percentileStep) * percentileStep);
  const from = Math.min(bins[0] ?? lastComplete, percentileBins[0] ?? lastComplete);
  const to = lastComplete;
  const minutes: number[] = [];
  for (let minute = Math.floor(from / 60); minute <= Math.floor(to / 60); minute += 1) minutes.push(minute);
  return { seconds, step, percentileStep, from, to, bins, percentileBins, minutes };
}

function alignedBins(seconds: number, step: number, lastStart: number): number[] {
  const count = Math.ceil(seconds / step);
  return Array.from({ length: count }, (_, index) => lastStart - (count - 1 - index) * step);
}
