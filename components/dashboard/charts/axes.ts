import type { StatsWindow } from '@/lib/contracts/dashboard';
import { formatLatency } from '@/lib/shared/format';

/** Axis text large enough for a projector. */
export const TICK = { fontSize: 14, fill: '#475569' } as const;
export const GRID = '#e2e8f0';
/** Shared, never re-created: recharts compares its props by identity on every one-second redraw. */
export const CHART_STYLE = { width: '100%', height: '100%' } as const;
export const CHART_MARGIN = { top: 8, right: 12, bottom: 0, left: 0 } as const;

const TICK_INTERVALS = [10, 30, 60, 120, 180, 300, 600, 900, 1800, 3600];

/**
 * The time axis counts seconds back from the newest bin (x = t − window.to ≤ 0): labels read
 * "−2 min … now" whatever the server's and the projector's clocks say, and the axis settings
 * stay identical between polls, so recharts redraws the data only.
 */
export const secondsAgo = (t: number, window: StatsWindow) => t - window.to;
const TIME_DOMAIN: [string, number] = ['dataMin', 0];

/** Ticks every 10 s / 1 min / 3 min… back from "now", for a window of `seconds`. */
export function timeTicks(seconds: number): number[] {
  const interval = TICK_INTERVALS.find((candidate) => seconds / candidate <= 6) ?? 3600;
  const ticks: number[] = [];
  for (let tick = 0; tick > -seconds; tick -= interval) ticks.unshift(tick);
  return ticks;
}

/** "now", "−40 s", "−3 min". */
export function agoLabel(x: number): string {
  if (x > -1) return 'now';
  return x > -120 ? `−${Math.round(-x)} s` : `−${Math.round(-x / 60)} min`;
}

/** The time axis every chart over time shares (add `ticks={timeTicks(seconds)}`). */
export const TIME_AXIS = { dataKey: 'x', type: 'number', domain: TIME_DOMAIN, tickFormatter: agoLabel, tick: TICK } as const;

/** Tooltip heading of a bin: "−12 s · 5 s bin". */
export const binLabel = (step: number) => (x: unknown) => `${agoLabel(Number(x))}${step > 1 ? ` · ${step} s bin` : ''}`;

/** A 0–100 % axis. */
export const PERCENT_DOMAIN: [number, number] = [0, 100];
export const PERCENT_TICKS = [0, 25, 50, 75, 100];
export const percentTick = (value: number) => `${value} %`;

/** Decade ticks of a log latency axis: 0.01 ms … 10 s. */
export const LATENCY_TICKS = [0.01, 0.1, 1, 10, 100, 1000, 10_000];
export const LATENCY_DOMAIN: [number, number] = [0.01, 10_000];

export const latencyTick = (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);

/** A bucket bound as a short label: "50 µs", "2.5 ms", "1 s", "> 10 s". */
export function boundLabel(upperMs: number | null): string {
  if (upperMs === null) return '> 10 s';
  if (upperMs < 1) return `${Math.round(upperMs * 1000)} µs`;
  if (upperMs >= 1000) return `${upperMs / 1000} s`;
  return `${upperMs} ms`;
}

export const latencyValue = (value: unknown) => (typeof value === 'number' ? formatLatency(value) : '—');

/** Round maxima of a rate axis and how many steps divide each cleanly: 0.2, 0.5, 1, 2… */
const NICE_TOPS = [
  [1, 5],
  [2, 4],
  [5, 5],
  [10, 5],
] as const;

/**
 * Ticks 0 … a round maximum, in steps that print without awkward decimals (never below
 * 1/s). Computed here because recharts' own "nice ticks" use decimal.js, too slow to redo
 * every second.
 */
export function niceTicks(max: number): number[] {
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(max, 1))));
  const [factor, steps] = NICE_TOPS.find(([candidate]) => candidate * magnitude >= max) ?? NICE_TOPS[3];
  const top = factor * magnitude;
  return Array.from({ length: steps + 1 }, (_, index) => (top * index) / steps);
}
