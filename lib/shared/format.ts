/** Latency with its unit, precise where it matters: "0.21 ms", "48 ms", "3.01 s". */
export function formatLatency(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** A remaining lifetime: "23 h 59 min 58 s", "4 min 05 s", "9 s". */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (value: number) => String(value).padStart(2, '0');
  if (hours > 0) return `${hours} h ${pad(minutes)} min ${pad(seconds)} s`;
  if (minutes > 0) return `${minutes} min ${pad(seconds)} s`;
  return `${seconds} s`;
}

/** A coarser lifetime for far-off moments: "5 h 12 min", "3 min", "under a minute". */
export function formatSpan(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'under a minute';
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}

/** How many times faster, for "hit was 14,000× faster". */
export function formatSpeedup(slowMs: number, fastMs: number): string {
  if (fastMs <= 0) return '—';
  const ratio = slowMs / fastMs;
  return `${ratio >= 100 ? Math.round(ratio).toLocaleString('en-US') : ratio.toFixed(1)}×`;
}

/** A score with its unit: "1,234,567 pts". */
export function formatPoints(points: number): string {
  return `${points.toLocaleString('en-US')} pts`;
}

/** A count that stays short on a projector: "812", "12,480", "1.2 M". */
export function formatCount(value: number): string {
  if (Math.abs(value) >= 1_000_000) return `${(value / 1_000_000).toFixed(value >= 10_000_000 ? 0 : 1)} M`;
  return Math.round(value).toLocaleString('en-US');
}

/** A requests-per-second rate: "0.2/s", "4/s", "14/s", "2.5 k/s". */
export function formatRate(perSecond: number): string {
  if (perSecond >= 1000) return `${(perSecond / 1000).toFixed(perSecond >= 10_000 ? 0 : 1)} k/s`;
  if (perSecond >= 10 || Number.isInteger(perSecond)) return `${Math.round(perSecond)}/s`;
  return `${perSecond.toFixed(1)}/s`;
}

/** A share in percent, or "—" when there is nothing to divide: "75.0 %". */
export function formatPercent(share: number | null, digits = 1): string {
  return share === null ? '—' : `${(share * 100).toFixed(digits)} %`;
}

/** Sizes in bytes: "312 B", "4.1 kB", "2.3 MB" (decimal units). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

/** A long duration (time saved, uptime): latency precision below a minute, then "4 min 05 s", "5 h 12 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0 s';
  if (ms < 60_000) return formatLatency(ms);
  const days = Math.floor(ms / 86_400_000);
  if (days > 0) return `${days} d ${Math.floor((ms % 86_400_000) / 3_600_000)} h`;
  return ms < 3_600_000 ? formatCountdown(ms) : formatSpan(ms);
}

/**
 * One way to tell the time everywhere: 24-hour "14:03:27" (seconds optional), with the zone
 * named when it is not the viewer's own ("00:00 Europe/Paris"). Never "12:00:00 AM".
 */
export function formatClock(at: number | string | Date, options: { seconds?: boolean; timeZone?: string } = {}): string {
  const { seconds = true, timeZone } = options;
  const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), hourCycle: 'h23', timeZone }).format(new Date(at));
  return timeZone ? `${clock} ${timeZone}` : clock;
}

/** A moment further away, in the same style: "2 Dec 2026, 14:03:27". */
export function formatDateTime(at: number | string | Date, timeZone?: string): string {
  const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(new Date(at));
  return `${date}, ${formatClock(at, { timeZone })}`;
}

/** How long ago, coarsely: "12 s ago", "4 min ago", "2 h 05 min ago". */
export function formatAgo(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `${Math.floor(seconds / 3600)} h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')} min ago`;
}
