import type { StatsWindow } from '@/lib/dashboard-types';
import { formatLatency } from '@/lib/format';

/** Axis text large enough for a projector. */
export const TICK = { fontSize: 14, fill: '#475569' } as const;
export const GRID = '#e2e8f0';

const TICK_INTERVALS = [10, 30, 60, 120, 180, 300, 600, 900, 1800, 3600];

/** Ticks every 10 s / 1 min / 3 min… counted back from "now", so the labels read "−2 min", "−1 min", "now". */
export function timeTicks(window: StatsWindow, firstBin: number): number[] {
  const interval = TICK_INTERVALS.find((candidate) => window.seconds / candidate <= 6) ?? 3600;
  const ticks: number[] = [];
  for (let tick = window.to; tick >= firstBin; tick -= interval) ticks.unshift(tick);
  return ticks;
}

/** "now", "−40 s", "−3 min": relative to the newest second, so the server's and the projector's clocks need not agree. */
export function relativeTime(window: StatsWindow) {
  return (t: number) => {
    const ago = window.to - t;
    if (ago < 1) return 'now';
    return ago < 120 ? `−${Math.round(ago)} s` : `−${Math.round(ago / 60)} min`;
  };
}

/** Tooltip heading of a bin: "−12 s (bin of 5 s)". */
export function binLabel(window: StatsWindow, step: number) {
  const relative = relativeTime(window);
  return (t: unknown) => `${relative(Number(t))}${step > 1 ? ` · ${step} s bin` : ''}`;
}

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
