import type { RecentEvent, ThroughputPoint } from '@/lib/contracts/dashboard';
import { WINDOWS, type WindowSeconds } from './toolbar';

export interface Quiet {
  /** When the newest request we know of arrived, or null when it is older than the event stream remembers. */
  lastAt: number | null;
  /** The narrowest wider window that shows it (or the widest there is). */
  wider: WindowSeconds | null;
}

/**
 * Empty charts under tiles that count thousands of requests look broken: when nothing arrived
 * in the window but something did before, say when, and which window would show it.
 */
export function quietWindow(options: { totalRequests: number; throughput: readonly ThroughputPoint[]; events: readonly RecentEvent[]; scenario: string; windowSeconds: WindowSeconds; now: number }): Quiet | null {
  const { totalRequests, throughput, events, scenario, windowSeconds, now } = options;
  const inWindow = throughput.some((point) => Object.values(point.rates).some((rate) => rate > 0));
  if (inWindow || totalRequests === 0) return null;
  const last = events.find((event) => scenario === '' || event.scenario === scenario);
  const lastAt = last ? last.t : null;
  const wider = WINDOWS.filter((option) => option.value > windowSeconds);
  const fits = lastAt === null ? undefined : wider.find((option) => now - lastAt <= option.value * 1000);
  return { lastAt, wider: (fits ?? wider[wider.length - 1])?.value ?? null };
}
