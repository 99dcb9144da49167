import 'server-only';

let warnedAt = 0;
/** Only the message, at most every 10 s: an outage must not flood the log. */
export function warnSometimes(line: string): void {
  if (Date.now() - warnedAt < 10_000) return;
  warnedAt = Date.now();
  console.warn(`[cachelab] Next.js cache: ${line}`);
}
